package io.github.dynamodbstream.spring.support;

import static org.awaitility.Awaitility.await;

import io.github.dynamodbstream.emulator.DynamoDbEmulator;
import io.github.dynamodbstream.emulator.DynamoDbEmulatorExtension;
import io.github.dynamodbstream.spring.container.StreamState;
import io.github.dynamodbstream.spring.poller.DynamoDbStreamListenerContainer;
import io.github.dynamodbstream.test.EmulatorTables;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;

/** Points the starter at an emulator: its connection properties, context runners, applications and tables. */
public final class OnEmulator {

    private static final String ACCESS_KEY_ID = "emulator";
    private static final String SECRET_ACCESS_KEY = "emulator";

    private OnEmulator() {
    }

    /** The emulator's endpoint and region, and credentials it accepts, as {@code key=value} pairs. */
    public static String[] connection(DynamoDbEmulator emulator) {
        return new String[] {
            "dynamodb.stream.endpoint=" + emulator.endpoint(),
            "dynamodb.stream.region=" + emulator.region(),
            "dynamodb.stream.credentials.access-key-id=" + ACCESS_KEY_ID,
            "dynamodb.stream.credentials.secret-access-key=" + SECRET_ACCESS_KEY};
    }

    /** The {@link #connection} pairs followed by {@code more}. */
    public static String[] properties(DynamoDbEmulator emulator, String... more) {
        List<String> properties = new ArrayList<>(List.of(connection(emulator)));
        properties.addAll(List.of(more));
        return properties.toArray(String[]::new);
    }

    /** The {@link #connection}, reading from TRIM_HORIZON every 50 ms, followed by {@code more}. */
    public static String[] pollingFromTrimHorizon(DynamoDbEmulator emulator, String... more) {
        List<String> properties = new ArrayList<>(List.of(
                "dynamodb.stream.starting-position=TRIM_HORIZON", "dynamodb.stream.poll-interval=50ms"));
        properties.addAll(List.of(more));
        return properties(emulator, properties.toArray(String[]::new));
    }

    /** Registers the {@link #connection} properties for a {@code @DynamicPropertySource}. */
    public static void register(DynamicPropertyRegistry registry, DynamoDbEmulator emulator) {
        registry.add("dynamodb.stream.endpoint", () -> emulator.endpoint().toString());
        registry.add("dynamodb.stream.region", emulator::region);
        registry.add("dynamodb.stream.credentials.access-key-id", () -> ACCESS_KEY_ID);
        registry.add("dynamodb.stream.credentials.secret-access-key", () -> SECRET_ACCESS_KEY);
    }

    /** A context runner with these auto-configurations, connected to the emulator. */
    public static ApplicationContextRunner contextRunner(DynamoDbEmulator emulator, Class<?>... autoConfigurations) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(autoConfigurations))
                .withPropertyValues(connection(emulator));
    }

    /** A context runner with these auto-configurations, reading the emulator from TRIM_HORIZON every 50 ms. */
    public static ApplicationContextRunner pollingContextRunner(DynamoDbEmulator emulator,
            Class<?>... autoConfigurations) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(autoConfigurations))
                .withPropertyValues(pollingFromTrimHorizon(emulator));
    }

    /** Starts the application without a web server. */
    public static ConfigurableApplicationContext start(Class<?> application, String... properties) {
        return new SpringApplicationBuilder(application).web(WebApplicationType.NONE).properties(properties).run();
    }

    /** Starts the application as a servlet web application (give it {@code server.port=0}). */
    public static ConfigurableApplicationContext startWeb(Class<?> application, String... properties) {
        return new SpringApplicationBuilder(application).web(WebApplicationType.SERVLET).properties(properties)
                .run("--spring.main.web-application-type=servlet");
    }

    /** {@code prefix-} and eight random characters. */
    public static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Creates a table of a {@link #uniqueName} with a stream (see {@link EmulatorTables#createWithStream}). */
    public static String newTable(DynamoDbEmulatorExtension emulator, String prefix) {
        String table = uniqueName(prefix);
        EmulatorTables.createWithStream(emulator.dynamoDbClient(), table);
        return table;
    }

    /** Waits until every stream of the container runs, that is until its first round positioned every shard. */
    public static void awaitEveryStreamRunning(DynamoDbStreamListenerContainer container) {
        await().atMost(Duration.ofSeconds(10)).until(() -> container.streamStatuses().stream()
                .allMatch(status -> status.state() == StreamState.RUNNING));
    }
}
