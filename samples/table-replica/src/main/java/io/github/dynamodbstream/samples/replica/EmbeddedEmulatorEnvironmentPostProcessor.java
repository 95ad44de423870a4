package io.github.dynamodbstream.samples.replica;

import io.github.dynamodbstream.emulator.DynamoDbEmulator;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * Readies the table before the starter looks it up, which it does while the application context starts: this runs
 * earlier, once {@code application.yml} is read.
 *
 * <ul>
 * <li><b>Embedded</b> (the default: {@code sample.embedded-emulator.enabled} is {@code true} and
 * {@code dynamodb.stream.endpoint} is not set): starts the project's DynamoDB emulator in this process, on
 * {@code sample.embedded-emulator.port} (default 0: a free port), creates the table with a
 * {@code NEW_AND_OLD_IMAGES} stream and five orders, and points the starter at the emulator
 * ({@code dynamodb.stream.endpoint}, {@code region} and static {@code credentials}). The emulator is a bean named
 * {@code embeddedDynamoDbEmulator}, closed with the context.</li>
 * <li><b>LocalStack or AWS</b> ({@code dynamodb.stream.endpoint} set, or {@code sample.embedded-emulator.enabled=false}):
 * creates the table only with {@code sample.create-table=true}, with the starter's endpoint, region and
 * credentials (else the AWS SDK's default chains).</li>
 * </ul>
 */
public class EmbeddedEmulatorEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String PROPERTY_SOURCE = "embeddedDynamoDbEmulator";
    static final String EMULATOR_BEAN = "embeddedDynamoDbEmulator";
    private static final String ACCESS_KEY = "emulator";

    private final Log log;

    public EmbeddedEmulatorEnvironmentPostProcessor(DeferredLogFactory logFactory) {
        this.log = logFactory.getLog(EmbeddedEmulatorEnvironmentPostProcessor.class);
    }

    /** After the application's configuration files were read. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.getPropertySources().contains(PROPERTY_SOURCE)) {
            return;
        }
        String tableName = environment.getProperty("dynamodb.stream.table-name", "orders");
        boolean embedded = environment.getProperty("sample.embedded-emulator.enabled", Boolean.class, true)
                && !environment.containsProperty("dynamodb.stream.endpoint");
        if (embedded) {
            startEmulator(environment, application, tableName);
        } else if (environment.getProperty("sample.create-table", Boolean.class, false)) {
            try (DynamoDbClient dynamoDb = externalClient(environment)) {
                if (OrdersTable.createIfMissing(dynamoDb, tableName)) {
                    log.info("Created table '" + tableName + "' with a NEW_AND_OLD_IMAGES stream and 5 orders");
                }
            }
        }
    }

    private void startEmulator(ConfigurableEnvironment environment, SpringApplication application,
            String tableName) {
        int port = environment.getProperty("sample.embedded-emulator.port", Integer.class, 0);
        DynamoDbEmulator emulator = DynamoDbEmulator.builder().port(port).start();
        try (DynamoDbClient dynamoDb = DynamoDbClient.builder()
                .endpointOverride(emulator.endpoint())
                .region(Region.of(emulator.region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY,
                        ACCESS_KEY)))
                .build()) {
            OrdersTable.createIfMissing(dynamoDb, tableName);
        } catch (RuntimeException e) {
            emulator.close();
            throw e;
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("dynamodb.stream.endpoint", emulator.endpoint().toString());
        properties.put("dynamodb.stream.region", emulator.region());
        properties.put("dynamodb.stream.credentials.access-key-id", ACCESS_KEY);
        properties.put("dynamodb.stream.credentials.secret-access-key", ACCESS_KEY);
        environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE, properties));
        application.addInitializers(context -> {
            DefaultListableBeanFactory beanFactory = (DefaultListableBeanFactory) context.getBeanFactory();
            beanFactory.registerSingleton(EMULATOR_BEAN, emulator);
            beanFactory.registerDisposableBean(EMULATOR_BEAN, emulator::close);
        });
        log.info("Started the embedded DynamoDB emulator at " + emulator.endpoint() + " with table '" + tableName
                + "' (a NEW_AND_OLD_IMAGES stream, 5 orders). To use LocalStack or AWS instead, set "
                + "dynamodb.stream.endpoint or sample.embedded-emulator.enabled=false.");
    }

    private static DynamoDbClient externalClient(ConfigurableEnvironment environment) {
        DynamoDbClientBuilder builder = DynamoDbClient.builder();
        String endpoint = environment.getProperty("dynamodb.stream.endpoint");
        if (endpoint != null && !endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint.trim()));
        }
        String region = environment.getProperty("dynamodb.stream.region");
        if (region != null && !region.isBlank()) {
            builder.region(Region.of(region.trim()));
        }
        String accessKey = environment.getProperty("dynamodb.stream.credentials.access-key-id");
        String secretKey = environment.getProperty("dynamodb.stream.credentials.secret-access-key");
        if (accessKey != null && !accessKey.isBlank() && secretKey != null && !secretKey.isBlank()) {
            builder.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey,
                    secretKey)));
        }
        return builder.build();
    }
}
