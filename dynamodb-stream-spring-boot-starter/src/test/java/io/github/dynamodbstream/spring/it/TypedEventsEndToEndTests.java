package io.github.dynamodbstream.spring.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.dynamodbstream.core.RemovedShard;
import io.github.dynamodbstream.emulator.DynamoDbEmulator;
import io.github.dynamodbstream.spring.container.StreamState;
import io.github.dynamodbstream.spring.container.StreamStatus;
import io.github.dynamodbstream.spring.event.ItemChangeEvent;
import io.github.dynamodbstream.spring.event.ItemInsertedEvent;
import io.github.dynamodbstream.spring.event.ItemModifiedEvent;
import io.github.dynamodbstream.spring.event.ItemRemovedEvent;
import io.github.dynamodbstream.spring.event.NewShardsEvent;
import io.github.dynamodbstream.spring.event.RemovedShardsEvent;
import io.github.dynamodbstream.spring.poller.DynamoDbStreamListenerContainer;
import io.github.dynamodbstream.spring.support.OnEmulator;
import io.github.dynamodbstream.spring.support.TestItems;
import io.github.dynamodbstream.test.EmbeddedDynamoDbStreams;
import io.github.dynamodbstream.test.EmbeddedDynamoDbStreams.Table;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.test.annotation.DirtiesContext;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** One application reading one table of {@code Order}s, end to end through the emulator. */
@SpringBootTest(classes = TypedEventsEndToEndTests.App.class, properties = {
        "dynamodb.stream.table-name=" + TypedEventsEndToEndTests.TABLE,
        "dynamodb.stream.item-type=io.github.dynamodbstream.spring.it.TypedEventsEndToEndTests$Order",
        "dynamodb.stream.poll-interval=50ms",
        "dynamodb.stream.shard-discovery-interval=200ms"})
@EmbeddedDynamoDbStreams(shardsPerStream = 2,
        tables = @Table(name = TypedEventsEndToEndTests.TABLE, partitionKey = "id"))
@DirtiesContext
class TypedEventsEndToEndTests {

    static final String TABLE = "orders";

    public record Order(String id, int version, BigDecimal total) {
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(Listeners.class)
    static class App {
    }

    static class Listeners {

        final List<ItemInsertedEvent<Order>> inserted = new CopyOnWriteArrayList<>();
        final List<ItemModifiedEvent<Order>> modified = new CopyOnWriteArrayList<>();
        final List<ItemRemovedEvent<Order>> removed = new CopyOnWriteArrayList<>();
        final List<ItemChangeEvent<Order>> changes = new CopyOnWriteArrayList<>();
        final List<Object> maps = new CopyOnWriteArrayList<>();
        final List<NewShardsEvent> newShards = new CopyOnWriteArrayList<>();
        final List<RemovedShardsEvent> removedShards = new CopyOnWriteArrayList<>();

        @EventListener
        void on(ItemInsertedEvent<Order> event) {
            inserted.add(event);
        }

        @EventListener
        void on(ItemModifiedEvent<Order> event) {
            modified.add(event);
        }

        @EventListener
        void on(ItemRemovedEvent<Order> event) {
            removed.add(event);
        }

        @EventListener
        void onChange(ItemChangeEvent<Order> event) {
            changes.add(event);
        }

        @EventListener
        void onMap(ItemInsertedEvent<Map<String, Object>> event) {
            maps.add(event);
        }

        @EventListener
        void on(NewShardsEvent event) {
            newShards.add(event);
        }

        @EventListener
        void on(RemovedShardsEvent event) {
            removedShards.add(event);
        }
    }

    @Autowired
    DynamoDbEmulator emulator;

    @Autowired
    DynamoDbClient dynamoDb;

    @Autowired
    Listeners listeners;

    @Autowired
    DynamoDbStreamListenerContainer container;

    @Autowired
    MeterRegistry meterRegistry;

    @Autowired
    HealthIndicator dynamodbStreamHealthIndicator;

    /** The consumer starts at LATEST: write only once its first round has positioned every shard. */
    @BeforeEach
    void firstRoundPositionedTheShards() {
        OnEmulator.awaitEveryStreamRunning(container);
    }

    @Test
    void deliversTypedInsertModifyAndRemoveEvents() {
        TestItems.put(dynamoDb, TABLE, "typed-1", 1);
        TestItems.put(dynamoDb, TABLE, "typed-1", 2);
        TestItems.delete(dynamoDb, TABLE, "typed-1");

        await().atMost(Duration.ofSeconds(10)).until(() -> removedIds().contains("typed-1"));
        ItemInsertedEvent<Order> insert = listeners.inserted.stream()
                .filter(event -> event.item().id().equals("typed-1")).findFirst().orElseThrow();
        assertThat(insert.item()).isEqualTo(new Order("typed-1", 1, new BigDecimal("1.5")));
        assertThat(insert.streamName()).isEqualTo(TABLE);
        assertThat(insert.tableName()).isEqualTo(TABLE);
        assertThat(insert.shardId()).isNotBlank();
        assertThat(insert.sequenceNumber()).isNotBlank();
        assertThat(insert.approximateCreationTime()).isNotNull();
        ItemModifiedEvent<Order> modify = listeners.modified.stream()
                .filter(event -> event.newItem().id().equals("typed-1")).findFirst().orElseThrow();
        assertThat(modify.oldItem().version()).isEqualTo(1);
        assertThat(modify.newItem().version()).isEqualTo(2);
        ItemRemovedEvent<Order> remove = listeners.removed.stream()
                .filter(event -> event.oldItem().id().equals("typed-1")).findFirst().orElseThrow();
        assertThat(remove.oldItem().version()).isEqualTo(2);
        assertThat(remove.isTimeToLiveDelete()).isFalse();
        assertThat(listeners.changes.stream().filter(event -> event.keys().get("id").s().equals("typed-1")))
                .extracting(ItemChangeEvent::changeType).extracting(Enum::name)
                .containsExactly("INSERT", "MODIFY", "REMOVE");
        assertThat(listeners.maps).as("events of Order streams reach no listener of maps").isEmpty();
    }

    @Test
    void publishesNewShardsAtStartAndRemovedAndNewShardsWhenShardsRotate() {
        await().atMost(Duration.ofSeconds(10)).until(() -> !listeners.newShards.isEmpty());
        assertThat(listeners.newShards.get(0).shardIds()).hasSize(2);
        int newShardsBefore = listeners.newShards.size();

        emulator.rotateShards(TABLE);
        TestItems.put(dynamoDb, TABLE, "after-rotation", 1);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(listeners.removedShards.stream().flatMap(event -> event.shards().stream()))
                    .extracting(RemovedShard::reason).contains(RemovedShard.Reason.FINISHED);
            assertThat(listeners.newShards).hasSizeGreaterThan(newShardsBefore);
            assertThat(insertedIds()).contains("after-rotation");
        });
        assertThat(listeners.removedShards.get(0).streamName()).isEqualTo(TABLE);
    }

    @Test
    void keepsTheOrderOfEachItemsChangesAcrossRotations() {
        int versions = 12;
        for (int version = 1; version <= versions; version++) {
            for (int key = 0; key < 8; key++) {
                TestItems.put(dynamoDb, TABLE, "ordered-" + key, version);
            }
            if (version % 4 == 0) {
                emulator.rotateShards(TABLE);
            }
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> listeners.changes.stream()
                .filter(event -> event.keys().get("id").s().startsWith("ordered-")).count() == 8L * versions);
        Map<String, List<Integer>> versionsByKey = new LinkedHashMap<>();
        for (ItemChangeEvent<Order> event : listeners.changes) {
            String id = event.keys().get("id").s();
            if (id.startsWith("ordered-")) {
                Order order = event instanceof ItemInsertedEvent<Order> insert ? insert.item()
                        : ((ItemModifiedEvent<Order>) event).newItem();
                versionsByKey.computeIfAbsent(id, key -> new ArrayList<>()).add(order.version());
            }
        }
        List<Integer> expected = new ArrayList<>();
        for (int version = 1; version <= versions; version++) {
            expected.add(version);
        }
        assertThat(versionsByKey).hasSize(8).allSatisfy((id, seen) -> assertThat(seen).isEqualTo(expected));
    }

    @Test
    void healthAndMetricsShowWhatWasDelivered() {
        TestItems.put(dynamoDb, TABLE, "counted", 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> insertedIds().contains("counted"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(delivered("insert")).isEqualTo(listeners.inserted.size());
            assertThat(delivered("modify")).isEqualTo(listeners.modified.size());
            assertThat(delivered("remove")).isEqualTo(listeners.removed.size());
            StreamStatus status = container.streamStatus(TABLE).orElseThrow();
            assertThat(status.recordsDelivered()).isEqualTo(listeners.changes.size());
            assertThat(status.state()).isEqualTo(StreamState.RUNNING);
            assertThat(status.blockedShards()).isEmpty();
        });
        assertThat(dynamodbStreamHealthIndicator.health().getStatus()).isEqualTo(Status.UP);
        assertThat(meterRegistry.get("dynamodb.stream.api.calls")
                .tags("stream", TABLE, "operation", "GetRecords", "outcome", "Success").timer().count())
                .isPositive();
    }

    private double delivered(String type) {
        return meterRegistry.get("dynamodb.stream.records.delivered").tags("stream", TABLE, "type", type).counter()
                .count();
    }

    private List<String> insertedIds() {
        return listeners.inserted.stream().map(event -> event.item().id()).toList();
    }

    private List<String> removedIds() {
        return listeners.removed.stream().map(event -> event.oldItem().id()).toList();
    }
}
