package io.github.dynamodbstream.spring.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import io.github.dynamodbstream.emulator.DynamoDbEmulatorExtension;
import io.github.dynamodbstream.emulator.Fault;
import io.github.dynamodbstream.spring.event.ItemInsertedEvent;
import io.github.dynamodbstream.spring.support.OnEmulator;
import io.github.dynamodbstream.spring.support.TestItems;
import io.github.dynamodbstream.test.EmulatorTables;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;

/**
 * An application configured with a recognisable secret access key runs through start, events, failing calls
 * (injected throttling, 5xx and garbage; an unreachable endpoint at start and while running), health with details,
 * the {@code dynamodbstreams}, {@code configprops} and {@code env} endpoints over HTTP, and the {@code toString()} of
 * every bean of the starter and the AWS SDK: the secret appears in none of it, nor in any line of output, with DEBUG
 * logging for the starter and the SDK.
 */
@ExtendWith(OutputCaptureExtension.class)
class CredentialsNeverAppearTests {

    @RegisterExtension
    static final DynamoDbEmulatorExtension EMULATOR = DynamoDbEmulatorExtension.create();

    private static final String SECRET = "SECRET-" + UUID.randomUUID();
    private static final String ACCESS_KEY_ID = "AKID" + UUID.randomUUID().toString().replace("-", "").toUpperCase();

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(Listener.class)
    static class App {
    }

    static class Listener {

        final List<String> ids = new CopyOnWriteArrayList<>();

        @EventListener
        void on(ItemInsertedEvent<Map<String, Object>> event) {
            ids.add((String) event.item().get("id"));
        }
    }

    private static ConfigurableApplicationContext start(String endpoint, String... more) {
        List<String> properties = new ArrayList<>(List.of(
                "dynamodb.stream.endpoint=" + endpoint,
                "dynamodb.stream.region=" + EMULATOR.emulator().region(),
                "dynamodb.stream.credentials.access-key-id=" + ACCESS_KEY_ID,
                "dynamodb.stream.credentials.secret-access-key=" + SECRET,
                "dynamodb.stream.starting-position=TRIM_HORIZON",
                "dynamodb.stream.poll-interval=50ms",
                "logging.level.io.github.dynamodbstream=DEBUG",
                "logging.level.software.amazon.awssdk=DEBUG",
                "management.endpoint.health.show-details=always",
                "management.endpoints.web.exposure.include=health,dynamodbstreams,configprops,env",
                "server.port=0",
                "spring.main.banner-mode=off"));
        properties.addAll(List.of(more));
        return OnEmulator.startWeb(App.class, properties.toArray(String[]::new));
    }

    private static int port(ConfigurableApplicationContext context) {
        return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    @Test
    void theSecretAccessKeyAppearsInNoOutputHealthEndpointBeanOrException(CapturedOutput output) throws IOException {
        String table = OnEmulator.uniqueName("secret");
        String streamArn = EmulatorTables.createWithStream(EMULATOR.dynamoDbClient(), table);
        List<String> seen = new ArrayList<>();

        try (ConfigurableApplicationContext context = start(EMULATOR.emulator().endpoint().toString(),
                "dynamodb.stream.table-name=" + table, "dynamodb.stream.checkpoint.store=dynamodb",
                "dynamodb.stream.checkpoint.table-name=" + table + "-checkpoints",
                "dynamodb.stream.checkpoint.create-table=true")) {
            Listener listener = context.getBean(Listener.class);
            TestItems.putMany(EMULATOR.dynamoDbClient(), table, "before", 5);
            await().atMost(Duration.ofSeconds(15)).until(() -> listener.ids.size() == 5);

            EMULATOR.emulator().injectFault("GetRecords", Fault.throttling(), 3);
            EMULATOR.emulator().injectFault("GetRecords", Fault.internalError(), 3);
            EMULATOR.emulator().injectFault("GetRecords", Fault.notJson(), 2);
            EMULATOR.emulator().injectFault("DescribeStream", Fault.internalError(), 2);
            TestItems.putMany(EMULATOR.dynamoDbClient(), table, "after", 5);
            await().atMost(Duration.ofSeconds(20)).until(() -> listener.ids.size() == 10);
            assertThat(EMULATOR.emulator().calls().count("GetRecords", "ThrottlingException")
                    + EMULATOR.emulator().calls().count("GetRecords", "LimitExceededException"))
                    .as("the throttling was served").isPositive();

            for (String path : List.of("/actuator/health", "/actuator/dynamodbstreams", "/actuator/dynamodbstreams/"
                    + table, "/actuator/configprops", "/actuator/env")) {
                Http.Response response = Http.get(port(context), path);
                assertThat(response.status()).as(path).isEqualTo(200);
                seen.add(path + ": " + response.body());
            }
            assertThat(seen.get(0)).contains("dynamodbStream").contains("\"table\":\"" + table + "\"");
            for (String name : context.getBeanDefinitionNames()) {
                Object bean = context.getBean(name);
                String type = bean.getClass().getName();
                if (type.startsWith("io.github.dynamodbstream") || type.startsWith("software.amazon.awssdk")) {
                    seen.add(name + ": " + bean);
                }
            }
            assertThat(seen).as("starter beans' toString()").anyMatch(text -> text.startsWith(
                    "dynamoDbStreamListenerContainer: DynamoDbStreamListenerContainer["));
        }

        int closedPort = freePort();
        Throwable failedStart = catchThrowable(() -> start("http://127.0.0.1:" + closedPort,
                "dynamodb.stream.table-name=" + table).close());
        assertThat(failedStart).as("a start against an unreachable endpoint fails").isNotNull();
        seen.addAll(chain(failedStart));

        try (ConfigurableApplicationContext context = start("http://127.0.0.1:" + closedPort,
                "dynamodb.stream.stream-arn=" + streamArn)) {
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> Http.get(port(context), "/actuator/health").body().contains("\"DOWN\""));
            seen.add(Http.get(port(context), "/actuator/health").body());
            seen.add(Http.get(port(context), "/actuator/dynamodbstreams").body());
        }

        assertThat(seen).as("the configuration properties are listed, their values masked")
                .anyMatch(text -> text.startsWith("/actuator/configprops: ") && text.contains("secretAccessKey"));
        assertThat(String.join("\n", seen)).doesNotContain(SECRET).doesNotContain(ACCESS_KEY_ID);
        assertThat(output.getAll())
                .as("the output ran at DEBUG through events, failures and errors")
                .contains("Started reading 1 DynamoDB stream(s)")
                .contains("DEBUG")
                .contains("software.amazon.awssdk")
                .contains("Connection refused")
                .doesNotContain(SECRET)
                .doesNotContain(ACCESS_KEY_ID);
    }

    private static List<String> chain(Throwable failure) {
        List<String> texts = new ArrayList<>();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            texts.add(String.valueOf(t));
            texts.add(String.valueOf(t.getMessage()));
            for (Throwable suppressed : t.getSuppressed()) {
                texts.add(String.valueOf(suppressed));
            }
        }
        return texts;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
