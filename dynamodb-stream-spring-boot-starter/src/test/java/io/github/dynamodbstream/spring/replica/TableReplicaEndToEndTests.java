package io.github.dynamodbstream.spring.replica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.dynamodbstream.core.replica.DynamoDbTableReplica;
import io.github.dynamodbstream.emulator.DynamoDbEmulator;
import io.github.dynamodbstream.emulator.DynamoDbEmulatorExtension;
import io.github.dynamodbstream.emulator.Fault;
import io.github.dynamodbstream.spring.event.ItemChangeEvent;
import io.github.dynamodbstream.spring.support.OnEmulator;
import io.github.dynamodbstream.spring.support.TestItems;
import io.github.dynamodbstream.test.EmulatorTables;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An application with {@code dynamodb.stream.replica.enabled}, end to end through the emulator. The emulator lets
 * one reader per shard in, so a second reader of the stream would be throttled; and the first scan page is held
 * back, so the replica is still loading when Spring Boot declares the application ready.
 */
@SpringBootTest(classes = TableReplicaEndToEndTests.App.class, properties = {
        "dynamodb.stream.table-name=" + TableReplicaEndToEndTests.TABLE,
        "dynamodb.stream.item-type=io.github.dynamodbstream.spring.replica.TableReplicaEndToEndTests$Order",
        "dynamodb.stream.replica.enabled=true",
        "dynamodb.stream.replica.max-items=1000",
        "dynamodb.stream.poll-interval=50ms",
        "dynamodb.stream.shard-discovery-interval=200ms"})
@DirtiesContext
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TableReplicaEndToEndTests {

    static final String TABLE = "orders";
    private static final int SCANNED = 40;
    private static final Duration SCAN_HELD_BACK = Duration.ofSeconds(3);

    @RegisterExtension
    static final DynamoDbEmulatorExtension EMULATOR = DynamoDbEmulatorExtension.of(
            DynamoDbEmulator.builder().shardsPerStream(2).maxReadersPerShard(1));

    @DynamicPropertySource
    static void emulator(DynamicPropertyRegistry registry) {
        EmulatorTables.createWithStream(EMULATOR.dynamoDbClient(), TABLE);
        TestItems.putMany(EMULATOR.dynamoDbClient(), TABLE, "order", SCANNED);
        EMULATOR.emulator().injectFault("Scan", Fault.delay(SCAN_HELD_BACK), 1);
        OnEmulator.register(registry, EMULATOR.emulator());
    }

    public record Order(String id, int version, BigDecimal total) {
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(Observers.class)
    static class App {
    }

    /** What the application saw: readiness changes with who declared them, and the replica as each change arrived. */
    static class Observers {

        final List<String> readiness = new CopyOnWriteArrayList<>();
        final List<String> seenInReplica = new CopyOnWriteArrayList<>();
        private final DynamoDbTableReplica<Order> orders;

        Observers(DynamoDbTableReplica<Order> orders) {
            this.orders = orders;
        }

        @EventListener
        void on(AvailabilityChangeEvent<ReadinessState> event) {
            String source = event.getSource() instanceof ApplicationContext ? "boot" : "replicas";
            readiness.add(source + ":" + event.getState());
        }

        @EventListener
        void on(ItemChangeEvent<Order> event) {
            String id = event.keys().get("id").s();
            Order held = orders.get(id);
            seenInReplica.add(id + "@" + (held == null ? "absent" : held.version()));
        }
    }

    @Autowired
    DynamoDbTableReplica<Order> orders;

    @Autowired
    ApplicationAvailability availability;

    @Autowired
    Observers observers;

    @Autowired
    HealthIndicator dynamodbReplicaHealthIndicator;

    /** Runs first, so that the context starts with it while the scan is held back. */
    @Test
    @org.junit.jupiter.api.Order(1)
    void refusesTrafficUntilTheReplicaHoldsTheWholeTableThenAcceptsIt() {
        assertThat(orders.isReady()).isFalse();
        assertThat(observers.readiness).contains("boot:ACCEPTING_TRAFFIC");
        assertThat(availability.getReadinessState()).isEqualTo(ReadinessState.REFUSING_TRAFFIC);
        assertThat(dynamodbReplicaHealthIndicator.health().getStatus()).isEqualTo(Status.UP);

        await().atMost(SCAN_HELD_BACK.plusSeconds(10)).untilAsserted(() ->
                assertThat(availability.getReadinessState()).isEqualTo(ReadinessState.ACCEPTING_TRAFFIC));
        assertThat(orders.isReady()).isTrue();
        assertThat(orders.size()).isGreaterThanOrEqualTo(SCANNED);
        assertThat(observers.readiness).last().isEqualTo("replicas:ACCEPTING_TRAFFIC");
    }

    @Test
    void theReplicaEqualsTheTableAfterWritesAndListenersSeeEachChangeInIt() {
        assertThat(orders.awaitReady(SCAN_HELD_BACK.plusSeconds(10))).isTrue();
        TestItems.put(EMULATOR.dynamoDbClient(), TABLE, "new-1", 1);
        TestItems.put(EMULATOR.dynamoDbClient(), TABLE, "order-1", 7);
        TestItems.delete(EMULATOR.dynamoDbClient(), TABLE, "order-2");
        TestItems.put(EMULATOR.dynamoDbClient(), TABLE, "new-1", 2);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(Set.copyOf(orders.values())).isEqualTo(table()));
        assertThat(orders.get("order-2")).isNull();
        assertThat(orders.get("order-1")).isEqualTo(new Order("order-1", 7, new BigDecimal("7.5")));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(observers.seenInReplica)
                .contains("order-1@7", "order-2@absent").containsSubsequence("new-1@1", "new-1@2"));
        assertThat(EMULATOR.emulator().calls().count("GetRecords", "LimitExceededException")).isZero();
    }

    @Test
    void healthShowsTheReplicasStateSizeReadinessAndLag() {
        assertThat(orders.awaitReady(SCAN_HELD_BACK.plusSeconds(10))).isTrue();
        Health health = dynamodbReplicaHealthIndicator.health();
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        @SuppressWarnings("unchecked")
        Map<String, Object> details = (Map<String, Object>) ((Map<String, Object>) health.getDetails()
                .get("replicas")).get(TABLE);
        assertThat(details).containsEntry("table", TABLE).containsEntry("state", "READY")
                .containsEntry("ready", true).containsEntry("size", orders.size()).containsEntry("maxItems", 1000L)
                .containsKey("lag");
        assertThat(Duration.parse((String) details.get("lag"))).isLessThan(Duration.ofMinutes(1));
    }

    private static Set<Order> table() {
        return EMULATOR.dynamoDbClient().scanPaginator(request -> request.tableName(TABLE).consistentRead(true))
                .items().stream()
                .map(TableReplicaEndToEndTests::order)
                .collect(Collectors.toSet());
    }

    private static Order order(Map<String, AttributeValue> item) {
        return new Order(item.get("id").s(), Integer.parseInt(item.get("version").n()),
                new BigDecimal(item.get("total").n()));
    }
}
