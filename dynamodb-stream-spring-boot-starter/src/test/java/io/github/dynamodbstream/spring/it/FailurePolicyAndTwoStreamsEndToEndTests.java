package io.github.dynamodbstream.spring.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.dynamodbstream.emulator.DynamoDbEmulator;
import io.github.dynamodbstream.emulator.DynamoDbEmulatorExtension;
import io.github.dynamodbstream.spring.container.StreamStatus;
import io.github.dynamodbstream.spring.event.ItemInsertedEvent;
import io.github.dynamodbstream.spring.event.RecordFailedEvent;
import io.github.dynamodbstream.spring.poller.DynamoDbStreamListenerContainer;
import io.github.dynamodbstream.spring.support.OnEmulator;
import io.github.dynamodbstream.spring.support.TestItems;
import io.github.dynamodbstream.test.EmulatorTables;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Two streams in one application: {@code orders} of {@link Order}s, whose failed records are skipped, and
 * {@code customers} of {@link Customer}s, whose failed records block their shard.
 */
@SpringBootTest(classes = FailurePolicyAndTwoStreamsEndToEndTests.App.class, properties = {
        "dynamodb.stream.poll-interval=50ms",
        "dynamodb.stream.retry.max-attempts=3",
        "dynamodb.stream.retry.initial-backoff=10ms",
        "dynamodb.stream.retry.max-backoff=20ms",
        "dynamodb.stream.streams.orders.table-name=orders",
        "dynamodb.stream.streams.orders.item-type="
                + "io.github.dynamodbstream.spring.it.FailurePolicyAndTwoStreamsEndToEndTests$Order",
        "dynamodb.stream.streams.orders.on-failure=skip",
        "dynamodb.stream.streams.customers.table-name=customers",
        "dynamodb.stream.streams.customers.item-type="
                + "io.github.dynamodbstream.spring.it.FailurePolicyAndTwoStreamsEndToEndTests$Customer",
        "dynamodb.stream.streams.customers.on-failure=block"})
@DirtiesContext
class FailurePolicyAndTwoStreamsEndToEndTests {

    @RegisterExtension
    static final DynamoDbEmulatorExtension EMULATOR =
            DynamoDbEmulatorExtension.of(DynamoDbEmulator.builder().shardsPerStream(2));

    @DynamicPropertySource
    static void emulator(DynamicPropertyRegistry registry) {
        EmulatorTables.createWithStream(EMULATOR.dynamoDbClient(), "orders");
        EmulatorTables.createWithStream(EMULATOR.dynamoDbClient(), "customers");
        OnEmulator.register(registry, EMULATOR.emulator());
    }

    public record Order(String id, int version, BigDecimal total) {
    }

    public record Customer(String id, int version) {
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(Listeners.class)
    static class App {
    }

    /** Throws on the order {@code poison} always, and on the customer {@code stuck} until told otherwise. */
    static class Listeners {

        final List<ItemInsertedEvent<Order>> orders = new CopyOnWriteArrayList<>();
        final List<ItemInsertedEvent<Customer>> customers = new CopyOnWriteArrayList<>();
        final List<RecordFailedEvent> failed = new CopyOnWriteArrayList<>();
        final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
        final List<String> stuckShards = new CopyOnWriteArrayList<>();
        volatile boolean customerStuck = true;

        @EventListener
        void onOrder(ItemInsertedEvent<Order> event) {
            if (event.item().id().equals("poison")) {
                attempts.computeIfAbsent("poison", key -> new AtomicInteger()).incrementAndGet();
                throw new IllegalStateException("cannot handle order poison");
            }
            orders.add(event);
        }

        @EventListener
        void onCustomer(ItemInsertedEvent<Customer> event) {
            if (event.item().id().equals("stuck") && customerStuck) {
                attempts.computeIfAbsent("stuck", key -> new AtomicInteger()).incrementAndGet();
                stuckShards.add(event.shardId());
                throw new IllegalStateException("cannot handle customer stuck yet");
            }
            customers.add(event);
        }

        @EventListener
        void onFailed(RecordFailedEvent event) {
            failed.add(event);
        }
    }

    @Autowired
    Listeners listeners;

    @Autowired
    MeterRegistry meterRegistry;

    @Autowired
    DynamoDbStreamListenerContainer container;

    @Autowired
    HealthIndicator dynamodbStreamHealthIndicator;

    /** The consumer starts at LATEST: write only once its first round has positioned every shard. */
    @BeforeEach
    void firstRoundPositionedTheShards() {
        OnEmulator.awaitEveryStreamRunning(container);
    }

    @Test
    void aThrowingListenerIsRetriedThenItsRecordIsSkippedWithARecordFailedEvent() {
        TestItems.put(EMULATOR.dynamoDbClient(), "orders", "poison", 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> !listeners.failed.isEmpty());
        RecordFailedEvent failed = listeners.failed.get(0);
        assertThat(failed.streamName()).isEqualTo("orders");
        assertThat(failed.records()).singleElement()
                .satisfies(record -> assertThat(record.keys().get("id").s()).isEqualTo("poison"));
        assertThat(failed.failure()).hasMessage("cannot handle order poison");
        assertThat(listeners.attempts.get("poison")).hasValue(3);

        TestItems.put(EMULATOR.dynamoDbClient(), "orders", "after-poison", 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> orderIds().contains("after-poison"));
        assertThat(listeners.attempts.get("poison")).as("a skipped record is not delivered again").hasValue(3);
        assertThat(meterRegistry.get("dynamodb.stream.listener.failures").tag("stream", "orders").counter().count())
                .isEqualTo(3);
        assertThat(meterRegistry.get("dynamodb.stream.records.skipped").tag("stream", "orders").counter().count())
                .isEqualTo(1);
        assertThat(listeners.failed).as("the blocking stream gives up on nothing")
                .allMatch(event -> event.streamName().equals("orders"));
    }

    @Test
    void aThrowingListenerBlocksItsShardWhileTheOtherShardsGoOn() {
        TestItems.put(EMULATOR.dynamoDbClient(), "customers", "stuck", 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> listeners.attempts.containsKey("stuck")
                && listeners.attempts.get("stuck").get() > 3);
        String stuckShard = listeners.stuckShards.get(0);
        for (int i = 0; i < 20; i++) {
            TestItems.put(EMULATOR.dynamoDbClient(), "customers", "customer-" + i, 1);
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            StreamStatus status = container.streamStatus("customers").orElseThrow();
            assertThat(status.blockedShards()).containsOnlyKeys(stuckShard);
            assertThat(blockTestCustomers()).isNotEmpty();
        });
        assertThat(blockTestCustomers()).as("only the other shard goes on")
                .allMatch(event -> !event.shardId().equals(stuckShard));
        Health health = dynamodbStreamHealthIndicator.health();
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails().toString()).contains(stuckShard);

        listeners.customerStuck = false;
        await().atMost(Duration.ofSeconds(10)).until(() -> blockTestCustomers().size() == 21);
        List<String> onStuckShard = blockTestCustomers().stream()
                .filter(event -> event.shardId().equals(stuckShard)).map(event -> event.item().id()).toList();
        assertThat(onStuckShard.get(0)).isEqualTo("stuck");
        assertThat(listeners.failed).noneMatch(event -> event.streamName().equals("customers"));
        await().atMost(Duration.ofSeconds(10)).until(() ->
                container.streamStatus("customers").orElseThrow().blockedShards().isEmpty());
    }

    @Test
    void eachStreamsEventsReachOnlyTheListenersOfItsItemType() {
        TestItems.put(EMULATOR.dynamoDbClient(), "orders", "order-1", 1);
        TestItems.put(EMULATOR.dynamoDbClient(), "customers", "customer-of-two-streams", 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> orderIds().contains("order-1")
                && listeners.customers.stream().anyMatch(e -> e.item().id().equals("customer-of-two-streams")));
        assertThat(listeners.orders).allMatch(event -> event.streamName().equals("orders")
                && event.tableName().equals("orders"));
        assertThat(listeners.customers).allMatch(event -> event.streamName().equals("customers")
                && event.tableName().equals("customers"));
        assertThat(listeners.customers).filteredOn(event -> event.item().id().equals("customer-of-two-streams"))
                .singleElement().satisfies(event -> assertThat(event.item()).isEqualTo(
                        new Customer("customer-of-two-streams", 1)));
    }

    private List<ItemInsertedEvent<Customer>> blockTestCustomers() {
        return listeners.customers.stream()
                .filter(event -> event.item().id().equals("stuck") || event.item().id().matches("customer-\\d+"))
                .toList();
    }

    private List<String> orderIds() {
        return listeners.orders.stream().map(event -> event.item().id()).toList();
    }
}
