package io.github.dynamodbstream.kcl;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dynamodbstream.emulator.DynamoDbEmulatorExtension;
import io.github.dynamodbstream.spring.DynamoDbStreamAutoConfiguration;
import io.github.dynamodbstream.spring.checkpoint.DynamoDbStreamCheckpointAutoConfiguration;
import io.github.dynamodbstream.spring.container.DynamoDbStreamContainer;
import io.github.dynamodbstream.spring.endpoint.DynamoDbStreamsEndpoint;
import io.github.dynamodbstream.spring.endpoint.DynamoDbStreamsEndpointAutoConfiguration;
import io.github.dynamodbstream.spring.health.DynamoDbStreamHealthAutoConfiguration;
import io.github.dynamodbstream.spring.health.DynamoDbStreamHealthIndicator;
import io.github.dynamodbstream.spring.metrics.DynamoDbStreamMetrics;
import io.github.dynamodbstream.spring.metrics.DynamoDbStreamMetricsAutoConfiguration;
import io.github.dynamodbstream.spring.poller.DynamoDbStreamListenerContainer;
import io.github.dynamodbstream.spring.poller.DynamoDbStreamPollerAutoConfiguration;
import io.github.dynamodbstream.spring.poller.KclCoordinationRequirement;
import io.github.dynamodbstream.test.EmulatorTables;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Under kcl coordination, the starter's {@code dynamodbStream} health indicator, {@code dynamodbstreams} endpoint
 * and meters report on the {@link KclStreamContainer}, in the same shape as under {@code coordination: none}.
 */
class KclHealthAndEndpointAutoConfigurationTests {

    @RegisterExtension
    static final DynamoDbEmulatorExtension EMULATOR = DynamoDbEmulatorExtension.of(KclFleet.emulator(4));

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DynamoDbStreamAutoConfiguration.class,
                    DynamoDbStreamCheckpointAutoConfiguration.class, DynamoDbStreamPollerAutoConfiguration.class,
                    KclCoordinationRequirement.class, DynamoDbStreamKclAutoConfiguration.class,
                    DynamoDbStreamHealthAutoConfiguration.class, DynamoDbStreamsEndpointAutoConfiguration.class,
                    DynamoDbStreamMetricsAutoConfiguration.class))
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
            .withPropertyValues(
                    "dynamodb.stream.endpoint=" + EMULATOR.emulator().endpoint(),
                    "dynamodb.stream.region=" + EMULATOR.emulator().region(),
                    "dynamodb.stream.credentials.access-key-id=emulator",
                    "dynamodb.stream.credentials.secret-access-key=emulator",
                    "dynamodb.stream.auto-startup=false",
                    "dynamodb.stream.table-name=orders",
                    "management.endpoints.web.exposure.include=dynamodbstreams");
    private final ApplicationContextRunner kcl = contextRunner.withPropertyValues("dynamodb.stream.coordination=kcl");

    @BeforeAll
    static void createTable() {
        EmulatorTables.createWithStream(EMULATOR.dynamoDbClient(), "orders", StreamViewType.NEW_IMAGE);
    }

    @Test
    void kclModeIsReportedOnByTheStartersHealthIndicatorEndpointAndMeters() {
        kcl.run(context -> {
            assertThat(context).hasNotFailed()
                    .hasSingleBean(DynamoDbStreamHealthIndicator.class)
                    .hasSingleBean(DynamoDbStreamsEndpoint.class)
                    .hasSingleBean(DynamoDbStreamMetrics.class)
                    .doesNotHaveBean(DynamoDbStreamListenerContainer.class);
            assertThat(context.getBean(DynamoDbStreamContainer.class)).isInstanceOf(KclStreamContainer.class);
            assertThat(context.getBean(MeterRegistry.class).get("dynamodb.stream.shards").tag("stream", "orders")
                    .gauge().value()).isZero();
        });
    }

    @Test
    void healthAndEndpointHaveTheSameShapeInBothModes() {
        List<Set<String>> healthShapes = new ArrayList<>();
        List<Set<String>> endpointShapes = new ArrayList<>();
        for (ApplicationContextRunner mode : List.of(contextRunner, kcl)) {
            mode.run(context -> {
                assertThat(context).hasNotFailed();
                Health health = context.getBean(DynamoDbStreamHealthIndicator.class).health();
                assertThat(health.getStatus()).isEqualTo(Status.UNKNOWN);
                healthShapes.add(fieldNames(json(health.getDetails())));
                endpointShapes.add(fieldNames(json(endpoint(context).streams())));
                endpointShapes.add(fieldNames(json(endpoint(context).stream("orders"))));
            });
        }
        assertThat(healthShapes.get(1)).isEqualTo(healthShapes.get(0))
                .contains("running", "streams.orders.state", "streams.orders.shards", "streams.orders.lag",
                        "streams.orders.lastDelivery", "streams.orders.blockedShards", "streams.orders.coordination");
        assertThat(endpointShapes.subList(2, 4)).isEqualTo(endpointShapes.subList(0, 2));
        assertThat(endpointShapes.get(0)).contains("running", "streams.state", "streams.activeShards",
                "streams.lastDelivery", "streams.coordination", "streams.checkpoints");
        assertThat(endpointShapes.get(1)).contains("leases", "leaseTableError");
    }

    private static DynamoDbStreamsEndpoint endpoint(AssertableApplicationContext context) {
        return context.getBean(DynamoDbStreamsEndpoint.class);
    }

    private static JsonNode json(Object value) {
        JsonMapper mapper = JsonMapper.builder().build();
        return mapper.readTree(mapper.writeValueAsString(value));
    }

    /** The dotted paths of every field of a JSON tree; the elements of an array count as one. */
    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        collect(node, "", names);
        return names;
    }

    private static void collect(JsonNode node, String path, Set<String> names) {
        if (node.isArray()) {
            node.forEach(element -> collect(element, path, names));
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String name = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                names.add(name);
                collect(field.getValue(), name, names);
            }
        }
    }
}
