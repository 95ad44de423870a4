package io.github.dynamodbstream.spring.replica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.dynamodbstream.core.replica.DynamoDbTableReplica;
import io.github.dynamodbstream.core.replica.ReplicaFailedException;
import io.github.dynamodbstream.core.replica.ReplicaState;
import io.github.dynamodbstream.emulator.DynamoDbEmulatorExtension;
import io.github.dynamodbstream.spring.DynamoDbStreamAutoConfiguration;
import io.github.dynamodbstream.spring.checkpoint.DynamoDbStreamCheckpointAutoConfiguration;
import io.github.dynamodbstream.spring.diagnostics.DynamoDbStreamConfigurationException;
import io.github.dynamodbstream.spring.diagnostics.DynamoDbStreamConfigurationFailureAnalyzer;
import io.github.dynamodbstream.spring.poller.DynamoDbStreamPollerAutoConfiguration;
import io.github.dynamodbstream.spring.support.EveryChange;
import io.github.dynamodbstream.spring.support.OnEmulator;
import io.github.dynamodbstream.spring.support.TestItems;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.ResolvableType;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

class DynamoDbTableReplicaAutoConfigurationTests {

    @RegisterExtension
    static final DynamoDbEmulatorExtension EMULATOR = DynamoDbEmulatorExtension.create();

    private final ApplicationContextRunner contextRunner = OnEmulator.contextRunner(EMULATOR.emulator(),
                    DynamoDbStreamAutoConfiguration.class, DynamoDbStreamCheckpointAutoConfiguration.class,
                    DynamoDbStreamPollerAutoConfiguration.class, DynamoDbTableReplicaAutoConfiguration.class,
                    DynamoDbTableReplicaHealthAutoConfiguration.class)
            .withPropertyValues("dynamodb.stream.poll-interval=50ms")
            .withUserConfiguration(EveryChange.class);

    public record Order(String id, int version, BigDecimal total) {
    }

    /** A component of the application that is given the replica of its item type. */
    record OrderService(DynamoDbTableReplica<Order> orders) {
    }

    @Configuration(proxyBeanMethods = false)
    static class OrderServiceConfiguration {

        @Bean
        OrderService orderService(DynamoDbTableReplica<Order> orders) {
            return new OrderService(orders);
        }
    }

    /** A component that needs the replicas of two streams of the same item type, told apart by stream name. */
    record Regions(DynamoDbTableReplica<Map<String, Object>> east, DynamoDbTableReplica<Map<String, Object>> west) {
    }

    @Configuration(proxyBeanMethods = false)
    static class RegionsConfiguration {

        @Bean
        Regions regions(@Qualifier("east") DynamoDbTableReplica<Map<String, Object>> east,
                @Qualifier("west") DynamoDbTableReplica<Map<String, Object>> west) {
            return new Regions(east, west);
        }
    }

    private static String newTable() {
        return OnEmulator.newTable(EMULATOR, "orders");
    }

    private static String newTable(StreamViewType viewType) {
        String table = OnEmulator.uniqueName("orders");
        EMULATOR.dynamoDbClient().createTable(request -> request
                .tableName(table)
                .attributeDefinitions(AttributeDefinition.builder()
                        .attributeName("id").attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .streamSpecification(spec -> spec.streamEnabled(true).streamViewType(viewType)));
        EMULATOR.awaitActive(table);
        return table;
    }

    @Test
    void backsOffWithoutReplicaEnabled() {
        contextRunner.withPropertyValues("dynamodb.stream.table-name=" + newTable()).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(DynamoDbTableReplicas.class);
            assertThat(context).doesNotHaveBean(DynamoDbTableReplica.class);
            assertThat(context).doesNotHaveBean(DynamoDbTableReplicaHealthIndicator.class);
        });
    }

    @Test
    void backsOffWhenTheStarterIsDisabled() {
        contextRunner.withPropertyValues("dynamodb.stream.enabled=false", "dynamodb.stream.replica.enabled=true",
                "dynamodb.stream.table-name=" + newTable()).run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).doesNotHaveBean(DynamoDbTableReplicas.class);
                    assertThat(context).doesNotHaveBean(DynamoDbTableReplica.class);
                });
    }

    @Test
    void healthIndicatorBacksOffWithoutSpringBootHealth() {
        contextRunner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
                .withPropertyValues("dynamodb.stream.replica.enabled=true",
                        "dynamodb.stream.table-name=" + newTable())
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).hasSingleBean(DynamoDbTableReplicas.class);
                    assertThat(context).doesNotHaveBean("dynamodbReplicaHealthIndicator");
                });
    }

    @Test
    void exposesAReplicaTypedByTheStreamsItemTypeThatTheApplicationCanInject() {
        String table = newTable();
        TestItems.put(EMULATOR.dynamoDbClient(), table, "scanned", 1);
        contextRunner.withUserConfiguration(OrderServiceConfiguration.class)
                .withPropertyValues("dynamodb.stream.replica.enabled=true", "dynamodb.stream.table-name=" + table,
                        "dynamodb.stream.item-type=" + Order.class.getName())
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    ResolvableType orderReplica =
                            ResolvableType.forClassWithGenerics(DynamoDbTableReplica.class, Order.class);
                    assertThat(context.getBeanNamesForType(orderReplica)).containsExactly(table + "TableReplica");
                    DynamoDbTableReplica<Order> orders = context.getBean(OrderService.class).orders();
                    assertThat(orders).isSameAs(context.getBean(DynamoDbTableReplicas.class).replica(table).get());
                    assertThat(orders.awaitReady(Duration.ofSeconds(10))).isTrue();
                    TestItems.put(EMULATOR.dynamoDbClient(), table, "streamed", 2);
                    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                            assertThat(orders.get("streamed")).isEqualTo(new Order("streamed", 2,
                                    new BigDecimal("2.5"))));
                    assertThat(orders.get("scanned")).isEqualTo(new Order("scanned", 1, new BigDecimal("1.5")));
                });
    }

    @Test
    void replicatesOnlyTheStreamsThatAskForItAndQualifiesEachByStreamName() {
        String east = newTable();
        String west = newTable();
        String other = newTable();
        TestItems.put(EMULATOR.dynamoDbClient(), east, "in-east", 1);
        TestItems.put(EMULATOR.dynamoDbClient(), west, "in-west", 1);
        contextRunner.withUserConfiguration(RegionsConfiguration.class)
                .withPropertyValues("dynamodb.stream.streams.east.table-name=" + east,
                        "dynamodb.stream.streams.east.replica.enabled=true",
                        "dynamodb.stream.streams.west.table-name=" + west,
                        "dynamodb.stream.streams.west.replica.enabled=true",
                        "dynamodb.stream.streams.other.table-name=" + other)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(DynamoDbTableReplicas.class).replicas()).containsOnlyKeys("east",
                            "west");
                    Regions regions = context.getBean(Regions.class);
                    assertThat(regions.east().tableName()).isEqualTo(east);
                    assertThat(regions.west().tableName()).isEqualTo(west);
                    assertThat(regions.east().awaitReady(Duration.ofSeconds(10))).isTrue();
                    assertThat(regions.west().awaitReady(Duration.ofSeconds(10))).isTrue();
                    assertThat(regions.east().get("in-east")).containsEntry("id", "in-east");
                    assertThat(regions.east().get("in-west")).isNull();
                    assertThat(regions.west().get("in-west")).containsEntry("id", "in-west");
                });
    }

    @Test
    void aStreamCanTurnOffTheReplicaThatTheTopLevelTurnsOn() {
        String kept = newTable();
        String dropped = newTable();
        contextRunner.withPropertyValues("dynamodb.stream.replica.enabled=true",
                        "dynamodb.stream.streams.kept.table-name=" + kept,
                        "dynamodb.stream.streams.dropped.table-name=" + dropped,
                        "dynamodb.stream.streams.dropped.replica.enabled=false")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(DynamoDbTableReplicas.class).replicas()).containsOnlyKeys("kept");
                    assertThat(context).hasBean("keptTableReplica").doesNotHaveBean("droppedTableReplica");
                });
    }

    @Test
    void failsAtStartWithAnAnalysisWhenTheStreamHoldsNoNewImages() {
        String table = newTable(StreamViewType.KEYS_ONLY);
        contextRunner.withPropertyValues("dynamodb.stream.replica.enabled=true", "dynamodb.stream.table-name=" + table)
                .run(context -> {
                    assertThat(context).hasFailed();
                    FailureAnalysis analysis = new DynamoDbStreamConfigurationFailureAnalyzer()
                            .analyze(context.getStartupFailure());
                    assertThat(analysis).isNotNull();
                    assertThat(analysis.getDescription()).contains("'" + table + "'", "KEYS_ONLY",
                            "NEW_IMAGE or NEW_AND_OLD_IMAGES");
                    assertThat(analysis.getAction()).contains("aws dynamodb update-table --table-name " + table
                            + " --stream-specification StreamEnabled=true,StreamViewType=NEW_AND_OLD_IMAGES",
                            "dynamodb.stream.replica.enabled=false");
                });
    }

    @Test
    void failsAtStartWhenTheBoundIsNotPositive() {
        contextRunner.withPropertyValues("dynamodb.stream.streams.orders.table-name=" + newTable(),
                        "dynamodb.stream.streams.orders.replica.enabled=true",
                        "dynamodb.stream.streams.orders.replica.max-items=0")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause()
                            .isInstanceOf(DynamoDbStreamConfigurationException.class)
                            .hasMessageContaining("dynamodb.stream.streams.orders.replica.max-items is 0");
                });
    }

    @Test
    void aTableLargerThanTheBoundStopsTheReplicaAndTurnsTheHealthDown() {
        String table = newTable();
        TestItems.putMany(EMULATOR.dynamoDbClient(), table, "order", 12);
        contextRunner.withPropertyValues("dynamodb.stream.replica.enabled=true", "dynamodb.stream.table-name=" + table,
                        "dynamodb.stream.replica.max-items=10")
                .run(context -> {
                    DynamoDbTableReplica<?> replica = context.getBean(DynamoDbTableReplicas.class).replica(table).get();
                    await().atMost(Duration.ofSeconds(10)).until(() -> replica.state() == ReplicaState.FAILED);
                    assertThat(replica.failure()).get().extracting(ReplicaFailedException::reason)
                            .isEqualTo(ReplicaFailedException.Reason.TOO_MANY_ITEMS);
                    Health health = context.getBean("dynamodbReplicaHealthIndicator", HealthIndicator.class)
                            .health();
                    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
                    assertThat(replicaDetails(health, table)).containsEntry("state", "FAILED")
                            .containsEntry("ready", false).containsEntry("maxItems", 10L)
                            .doesNotContainKey("size")
                            .hasEntrySatisfying("problem", problem -> assertThat((String) problem)
                                    .startsWith("TOO_MANY_ITEMS").contains("10"));
                });
    }

    @Test
    void healthShowsEachReplicasStateSizeReadinessAndLag() {
        String table = newTable();
        TestItems.putMany(EMULATOR.dynamoDbClient(), table, "order", 7);
        contextRunner.withPropertyValues("dynamodb.stream.replica.enabled=true", "dynamodb.stream.table-name=" + table)
                .run(context -> {
                    DynamoDbTableReplica<?> replica = context.getBean(DynamoDbTableReplicas.class).replica(table).get();
                    assertThat(replica.awaitReady(Duration.ofSeconds(10))).isTrue();
                    Health health = context.getBean("dynamodbReplicaHealthIndicator", HealthIndicator.class)
                            .health();
                    assertThat(health.getStatus()).isEqualTo(Status.UP);
                    assertThat(replicaDetails(health, table)).containsEntry("table", table)
                            .containsEntry("state", "READY").containsEntry("ready", true).containsEntry("size", 7)
                            .containsKey("lag").doesNotContainKeys("maxItems", "problem");
                });
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> replicaDetails(Health health, String streamName) {
        Map<String, Object> replicas = (Map<String, Object>) health.getDetails().get("replicas");
        return (Map<String, Object>) replicas.get(streamName);
    }
}
