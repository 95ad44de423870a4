package io.github.dynamodbstream.spring.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.dynamodbstream.emulator.DynamoDbEmulatorExtension;
import io.github.dynamodbstream.spring.endpoint.DynamoDbStreamsEndpoint;
import io.github.dynamodbstream.spring.support.EveryChange;
import io.github.dynamodbstream.spring.support.OnEmulator;
import io.github.dynamodbstream.spring.support.TestItems;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

/**
 * The {@code dynamodbstreams} endpoint has only read operations and is not exposed over HTTP until the application
 * exposes it; the health details of {@code dynamodbStream} follow {@code management.endpoint.health.show-details}.
 * Checked on a running web application (Tomcat on a random port).
 */
class ActuatorExposureTests {

    @RegisterExtension
    static final DynamoDbEmulatorExtension EMULATOR = DynamoDbEmulatorExtension.create();

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(EveryChange.class)
    static class App {
    }

    @Test
    void theEndpointHasOnlyReadOperations() {
        List<String> reads = new ArrayList<>();
        for (Method method : DynamoDbStreamsEndpoint.class.getMethods()) {
            assertThat(method.getAnnotation(WriteOperation.class)).as("%s", method).isNull();
            assertThat(method.getAnnotation(DeleteOperation.class)).as("%s", method).isNull();
            if (method.getAnnotation(ReadOperation.class) != null) {
                reads.add(method.getName());
            }
        }
        assertThat(reads).containsExactlyInAnyOrder("streams", "stream");
        assertThat(Arrays.stream(DynamoDbStreamsEndpoint.class.getDeclaredMethods())
                .flatMap(method -> Arrays.stream(method.getAnnotations()))
                .map(Annotation::annotationType)
                .filter(type -> type.getPackageName().equals(ReadOperation.class.getPackageName()))
                .distinct()).containsOnly(ReadOperation.class);
    }

    @Test
    void byDefaultTheEndpointIsNotExposedOverHttpAndHealthShowsNoDetails() {
        String table = tableWithAnItem();
        try (ConfigurableApplicationContext context = start(table)) {
            int port = port(context);
            awaitDelivered(context);
            assertThat(Http.get(port, "/actuator/dynamodbstreams").status()).isEqualTo(404);
            assertThat(Http.get(port, "/actuator/dynamodbstreams/" + table).status()).isEqualTo(404);
            Http.Response health = Http.get(port, "/actuator/health");
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.body()).contains("\"status\":\"UP\"").doesNotContain("dynamodbStream")
                    .doesNotContain(table).doesNotContain("recordsDelivered");
        }
    }

    @Test
    void theEndpointIsExposedWhenIncludedAndHealthDetailsAreShownWithAlways() {
        String table = tableWithAnItem();
        try (ConfigurableApplicationContext context = start(table,
                "management.endpoints.web.exposure.include=health,dynamodbstreams",
                "management.endpoint.health.show-details=always")) {
            int port = port(context);
            awaitDelivered(context);
            Http.Response streams = Http.get(port, "/actuator/dynamodbstreams");
            assertThat(streams.status()).isEqualTo(200);
            assertThat(streams.body()).contains("\"tableName\":\"" + table + "\"").contains("\"checkpoints\"");
            assertThat(Http.get(port, "/actuator/dynamodbstreams/" + table).status()).isEqualTo(200);
            assertThat(Http.get(port, "/actuator/dynamodbstreams/no-such-stream").status()).isEqualTo(404);
            Http.Response health = Http.get(port, "/actuator/health");
            assertThat(health.body()).contains("\"dynamodbStream\"").contains("\"table\":\"" + table + "\"")
                    .contains("\"recordsDelivered\":1");
            assertThat(Http.get(port, "/actuator/health/dynamodbStream").body()).contains("\"recordsDelivered\":1");
        }
    }

    private static String tableWithAnItem() {
        String table = OnEmulator.newTable(EMULATOR, "exposure");
        TestItems.put(EMULATOR.dynamoDbClient(), table, "a", 1);
        return table;
    }

    private static void awaitDelivered(ConfigurableApplicationContext context) {
        DynamoDbStreamsEndpointProbe probe = new DynamoDbStreamsEndpointProbe(context);
        await().atMost(Duration.ofSeconds(15)).until(probe::delivered);
    }

    private static ConfigurableApplicationContext start(String table, String... more) {
        List<String> properties = new ArrayList<>(List.of(OnEmulator.pollingFromTrimHorizon(EMULATOR.emulator(),
                "dynamodb.stream.table-name=" + table,
                "server.port=0",
                "spring.main.banner-mode=off")));
        properties.addAll(List.of(more));
        return OnEmulator.startWeb(App.class, properties.toArray(String[]::new));
    }

    private static int port(ConfigurableApplicationContext context) {
        return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    /** Whether the item was delivered, asked of the listener container (exposed over HTTP or not). */
    private record DynamoDbStreamsEndpointProbe(ConfigurableApplicationContext context) {

        boolean delivered() {
            return context.getBean(io.github.dynamodbstream.spring.poller.DynamoDbStreamListenerContainer.class)
                    .streamStatuses().get(0).recordsDelivered() == 1;
        }
    }
}
