package io.github.dynamodbstream.test;

import io.github.dynamodbstream.emulator.DynamoDbEmulator;
import io.github.dynamodbstream.emulator.EmulatorClients;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.env.MapPropertySource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * An emulator for one Spring application context, as an {@link EmbeddedDynamoDbStreams} annotation describes it.
 * {@link #initialize} starts it, creates the tables (each ACTIVE before it returns), points the starter's connection
 * properties at it (ahead of every other property source) and registers it as the bean {@value #BEAN_NAME}, closed
 * with the context, also when the context fails to start.
 *
 * <p>The test annotation runs it for each test context. Use it yourself to run an application on the emulator outside
 * a test, for instance from a {@code main} method in your test sources that Spring Boot's {@code spring-boot:test-run}
 * starts:
 *
 * <pre>{@code
 * @EmbeddedDynamoDbStreams(tables = @Table(name = "orders", partitionKey = "id"))
 * public class TestOrdersApplication {
 *
 *     public static void main(String[] args) {
 *         new SpringApplicationBuilder(OrdersApplication.class)
 *                 .initializers(EmbeddedEmulator.of(TestOrdersApplication.class))
 *                 .run(args);
 *     }
 * }
 * }</pre>
 *
 * Two are equal when their options are (Spring's test context cache relies on it). Each {@link #initialize} starts
 * an emulator of its own.
 */
public final class EmbeddedEmulator implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    /** Name of the {@link DynamoDbEmulator} bean. */
    public static final String BEAN_NAME = "embeddedDynamoDbEmulator";

    /** Name of the property source that holds the connection properties. */
    public static final String PROPERTY_SOURCE_NAME = "embeddedDynamoDbStreams";

    private static final Log log = LogFactory.getLog(EmbeddedEmulator.class);

    private final int shardsPerStream;
    private final Duration rotation;
    private final String region;
    private final int port;
    private final List<TableSpec> tables;

    private EmbeddedEmulator(EmbeddedDynamoDbStreams options) {
        this.shardsPerStream = options.shardsPerStream();
        this.rotation = rotation(options.rotation());
        this.region = options.region();
        this.port = options.port();
        this.tables = TableSpec.of(options.tables());
        builder();
    }

    /**
     * The emulator the {@link EmbeddedDynamoDbStreams} annotation on a class describes (directly, as a
     * meta-annotation, or on a superclass).
     *
     * @throws IllegalArgumentException when the class has no such annotation, or an option makes no sense
     */
    public static EmbeddedEmulator of(Class<?> annotatedClass) {
        EmbeddedDynamoDbStreams options =
                AnnotatedElementUtils.findMergedAnnotation(annotatedClass, EmbeddedDynamoDbStreams.class);
        if (options == null) {
            throw new IllegalArgumentException(annotatedClass.getName() + " is not annotated with "
                    + "@EmbeddedDynamoDbStreams: annotate it (or one of its annotations) to describe the emulator");
        }
        return of(options, annotatedClass);
    }

    /** Checks the options; errors name the class they were found for. */
    static EmbeddedEmulator of(EmbeddedDynamoDbStreams options, Class<?> foundFor) {
        try {
            return new EmbeddedEmulator(options);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("@EmbeddedDynamoDbStreams of " + foundFor.getName() + ": "
                    + e.getMessage(), e);
        }
    }

    private static Duration rotation(String rotation) {
        if (rotation.isBlank()) {
            return null;
        }
        try {
            return DurationStyle.detectAndParse(rotation.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("rotation '" + rotation + "' is not a duration: use for example "
                    + "500ms, 30s, 4h or PT4H, or leave it empty for no rotation");
        }
    }

    private DynamoDbEmulator.Builder builder() {
        return DynamoDbEmulator.builder()
                .shardsPerStream(shardsPerStream)
                .rotationInterval(rotation)
                .region(region)
                .port(port);
    }

    /** Starts the emulator with its tables and wires it into the context; call before the context is refreshed. */
    @Override
    public void initialize(ConfigurableApplicationContext context) {
        DynamoDbEmulator emulator = start();
        ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
        beanFactory.registerSingleton(BEAN_NAME, emulator);
        ((DefaultSingletonBeanRegistry) beanFactory).registerDisposableBean(BEAN_NAME, emulator::close);
        context.getEnvironment().getPropertySources()
                .addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, connectionProperties(emulator)));
        log.info("Started the embedded DynamoDB emulator at " + emulator.endpoint() + " in region " + region
                + " with tables " + tables.stream().map(TableSpec::name).toList());
    }

    private DynamoDbEmulator start() {
        DynamoDbEmulator emulator = builder().start();
        try (DynamoDbClient client = EmulatorClients.dynamoDbClientBuilder(emulator).build()) {
            tables.forEach(table -> table.create(client));
        } catch (RuntimeException e) {
            emulator.close();
            throw e;
        }
        return emulator;
    }

    /** The starter's connection properties for a running emulator. */
    static Map<String, Object> connectionProperties(DynamoDbEmulator emulator) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("dynamodb.stream.endpoint", emulator.endpoint().toString());
        properties.put("dynamodb.stream.region", emulator.region());
        properties.put("dynamodb.stream.credentials.access-key-id", EmulatorClients.ACCESS_KEY_ID);
        properties.put("dynamodb.stream.credentials.secret-access-key", EmulatorClients.SECRET_ACCESS_KEY);
        return properties;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EmbeddedEmulator that && shardsPerStream == that.shardsPerStream
                && Objects.equals(rotation, that.rotation) && region.equals(that.region) && port == that.port
                && tables.equals(that.tables);
    }

    @Override
    public int hashCode() {
        return Objects.hash(shardsPerStream, rotation, region, port, tables);
    }

    @Override
    public String toString() {
        return "EmbeddedEmulator[shardsPerStream=" + shardsPerStream + ", rotation=" + rotation + ", region="
                + region + ", port=" + port + ", tables=" + tables + "]";
    }
}
