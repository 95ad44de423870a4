package io.github.dynamodbstream.spring.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dynamodbstream.core.DataLoss;
import io.github.dynamodbstream.core.RemovedShard;
import io.github.dynamodbstream.core.record.ChangeRecord;
import io.github.dynamodbstream.core.record.ChangeType;
import io.github.dynamodbstream.spring.ListenerMode;
import io.github.dynamodbstream.spring.StreamDefinition;
import io.github.dynamodbstream.spring.listener.UnheardChanges;
import io.github.dynamodbstream.spring.observation.DeliveryObservations;
import io.github.dynamodbstream.spring.support.TestStreams;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.ResolvableType;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class EventPublishingStreamListenerTests {

    private static final Instant CREATED = Instant.parse("2024-05-01T12:00:00Z");

    private final ApplicationContextRunner contextRunner =
            new ApplicationContextRunner().withUserConfiguration(ListenersConfiguration.class);

    record Order(String id, BigDecimal total) {
    }

    record Customer(String id, String name) {
    }

    static class Listeners {

        final List<Object> orders = new CopyOnWriteArrayList<>();
        final List<Object> customers = new CopyOnWriteArrayList<>();
        final List<Object> maps = new CopyOnWriteArrayList<>();
        final List<Object> all = new CopyOnWriteArrayList<>();
        final List<Object> shards = new CopyOnWriteArrayList<>();
        final List<Object> batches = new CopyOnWriteArrayList<>();
        volatile RuntimeException failWith;

        @EventListener
        void onOrder(ItemInsertedEvent<Order> event) {
            if (failWith != null) {
                throw failWith;
            }
            orders.add(event.item());
        }

        @EventListener
        void onCustomer(ItemInsertedEvent<Customer> event) {
            customers.add(event.item());
        }

        @EventListener
        void onMap(ItemInsertedEvent<Map<String, Object>> event) {
            maps.add(event.item());
        }

        @EventListener
        void onModifiedOrder(ItemModifiedEvent<Order> event) {
            orders.add(List.of(event.oldItem(), event.newItem()));
        }

        @EventListener
        void onRemovedOrder(ItemRemovedEvent<Order> event) {
            orders.add(event.isTimeToLiveDelete() ? "ttl:" + event.oldItem().id() : "removed:" + event.oldItem().id());
        }

        @EventListener
        void onAnyChange(ItemChangeEvent<?> event) {
            all.add(event.streamName() + ":" + event.changeType() + ":" + event.shardId() + ":"
                    + event.sequenceNumber() + ":" + event.approximateCreationTime());
        }

        @EventListener
        void onOrders(ItemChangesEvent<Order> event) {
            batches.add(event.changes().stream().map(ItemChangeEvent::changeType).toList());
        }

        @EventListener
        void onShards(DynamoDbStreamEvent event) {
            if (!(event instanceof ItemChangeEvent<?>)) {
                shards.add(event);
            }
        }
    }

    static class TwoOrderListeners {

        final List<ItemInsertedEvent<Order>> first = new CopyOnWriteArrayList<>();
        final List<ItemInsertedEvent<Order>> second = new CopyOnWriteArrayList<>();

        @EventListener
        void first(ItemInsertedEvent<Order> event) {
            first.add(event);
        }

        @EventListener
        void second(ItemInsertedEvent<Order> event) {
            second.add(event);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class ListenersConfiguration {

        @Bean
        Listeners listeners() {
            return new Listeners();
        }
    }

    private static StreamDefinition stream(String name, Class<?> itemType) {
        return TestStreams.definition(name, itemType, ListenerMode.RECORD);
    }

    private static ChangeRecord record(ChangeType type, String table, Map<String, AttributeValue> newImage,
            Map<String, AttributeValue> oldImage) {
        return ChangeRecord.builder().type(type).streamArn(TestStreams.arn(table)).shardId("shard-1").sequenceNumber("42")
                .approximateCreationTime(CREATED).keys(Map.of("id", AttributeValue.fromS("1")))
                .newImage(newImage).oldImage(oldImage).build();
    }

    private static Map<String, AttributeValue> order(String total) {
        return Map.of("id", AttributeValue.fromS("1"), "total", AttributeValue.fromN(total),
                "extra", AttributeValue.fromBool(true));
    }

    private static EventPublishingStreamListener listener(ApplicationContext context, StreamDefinition stream) {
        return new EventPublishingStreamListener(stream, context, UnheardChanges.none(stream.name()),
                DeliveryObservations.NONE);
    }

    @Test
    void insertReachesOnlyTheListenersOfTheStreamsItemType() {
        contextRunner.run(context -> {
            Listeners listeners = context.getBean(Listeners.class);
            listener(context, stream("orders", Order.class))
                    .onInsert(record(ChangeType.INSERT, "orders", order("9.50"), Map.of()));
            listener(context, stream("customers", Customer.class)).onInsert(record(ChangeType.INSERT, "customers",
                    Map.of("id", AttributeValue.fromS("c1"), "name", AttributeValue.fromS("Ada")), Map.of()));
            assertThat(listeners.orders).containsExactly(new Order("1", new BigDecimal("9.50")));
            assertThat(listeners.customers).containsExactly(new Customer("c1", "Ada"));
            assertThat(listeners.maps).isEmpty();
            assertThat(listeners.all).containsExactly(
                    "orders:INSERT:shard-1:42:" + CREATED, "customers:INSERT:shard-1:42:" + CREATED);
        });
    }

    @Test
    void streamWithoutItemTypeDeliversMaps() {
        contextRunner.run(context -> {
            Listeners listeners = context.getBean(Listeners.class);
            listener(context, stream("audit", null))
                    .onInsert(record(ChangeType.INSERT, "audit", order("3"), Map.of()));
            assertThat(listeners.maps).singleElement().isEqualTo(
                    Map.of("id", "1", "total", new BigDecimal("3"), "extra", true));
            assertThat(listeners.orders).isEmpty();
            assertThat(listeners.customers).isEmpty();
        });
    }

    @Test
    void modifyCarriesBothImagesAndRemoveTellsTimeToLive() {
        contextRunner.run(context -> {
            Listeners listeners = context.getBean(Listeners.class);
            EventPublishingStreamListener orders = listener(context, stream("orders", Order.class));
            orders.onModify(record(ChangeType.MODIFY, "orders", order("2"), order("1")));
            orders.onRemove(record(ChangeType.REMOVE, "orders", Map.of(), order("2")).toBuilder()
                    .timeToLiveDelete(true).build());
            orders.onRemove(record(ChangeType.REMOVE, "orders", Map.of(), order("2")));
            assertThat(listeners.orders).containsExactly(
                    List.of(new Order("1", new BigDecimal("1")), new Order("1", new BigDecimal("2"))),
                    "ttl:1", "removed:1");
        });
    }

    @Test
    void batchIsDeliveredInOrderThroughTheDefaultDispatch() {
        contextRunner.run(context -> {
            Listeners listeners = context.getBean(Listeners.class);
            listener(context, stream("orders", Order.class)).onBatch(List.of(
                    record(ChangeType.INSERT, "orders", order("1"), Map.of()),
                    record(ChangeType.MODIFY, "orders", order("2"), order("1")).toBuilder().sequenceNumber("43")
                            .build()));
            assertThat(listeners.all).containsExactly("orders:INSERT:shard-1:42:" + CREATED,
                    "orders:MODIFY:shard-1:43:" + CREATED);
        });
    }

    @Test
    void changesOfATypeNoListenerReceivesAreNeitherMappedNorPublishedButCounted() {
        contextRunner.run(context -> {
            Listeners listeners = context.getBean(Listeners.class);
            UnheardChanges unheard = UnheardChanges.of("orders", Set.of(ChangeType.MODIFY, ChangeType.REMOVE));
            EventPublishingStreamListener orders = new EventPublishingStreamListener(
                    stream("orders", Order.class), context, unheard, DeliveryObservations.NONE);
            Map<String, AttributeValue> unmappable = Map.of("total", AttributeValue.fromS("not a number"));
            orders.onModify(record(ChangeType.MODIFY, "orders", unmappable, unmappable));
            orders.onRemove(record(ChangeType.REMOVE, "orders", Map.of(), unmappable));
            orders.onRemove(record(ChangeType.REMOVE, "orders", Map.of(), unmappable));
            orders.onInsert(record(ChangeType.INSERT, "orders", order("1"), Map.of()));

            assertThat(listeners.all).containsExactly("orders:INSERT:shard-1:42:" + CREATED);
            assertThat(unheard.count(ChangeType.MODIFY)).isEqualTo(1);
            assertThat(unheard.count(ChangeType.REMOVE)).isEqualTo(2);
            assertThat(unheard.count(ChangeType.INSERT)).isZero();
        });
    }

    @Test
    void aChangeIsMappedOnceForEveryListenerThatReceivesIt() {
        new ApplicationContextRunner().withBean(TwoOrderListeners.class).run(context -> {
            TwoOrderListeners listeners = context.getBean(TwoOrderListeners.class);
            EventPublishingStreamListener orders = listener(context, stream("orders", Order.class));
            orders.onInsert(record(ChangeType.INSERT, "orders", order("12.30"), Map.of()));

            assertThat(listeners.first).hasSize(1);
            assertThat(listeners.second).hasSize(1);
            assertThat(listeners.second.get(0)).isSameAs(listeners.first.get(0));
            assertThat(listeners.second.get(0).item()).isSameAs(listeners.first.get(0).item())
                    .isEqualTo(new Order("1", new BigDecimal("12.30")));
        });
    }

    @Test
    void theEventsOfAStreamShareOneResolvedTypeAndSourceForSpringsListenerCache() {
        new ApplicationContextRunner().withBean(TwoOrderListeners.class).run(context -> {
            TwoOrderListeners listeners = context.getBean(TwoOrderListeners.class);
            EventPublishingStreamListener orders = listener(context, stream("orders", Order.class));
            orders.onInsert(record(ChangeType.INSERT, "orders", order("1"), Map.of()));
            orders.onInsert(record(ChangeType.INSERT, "orders", order("2"), Map.of()));

            ItemInsertedEvent<Order> first = listeners.first.get(0);
            ItemInsertedEvent<Order> second = listeners.first.get(1);
            assertThat(first.getResolvableType())
                    .isEqualTo(ResolvableType.forClassWithGenerics(ItemInsertedEvent.class, Order.class))
                    .isSameAs(second.getResolvableType());
            assertThat(first.getSource()).isSameAs(orders).isSameAs(second.getSource());
        });
    }

    @Test
    void anEventBuiltByTheApplicationIsTypedWithItsItemType() {
        ChangeRecord insert = record(ChangeType.INSERT, "orders", order("1"), Map.of());
        ItemInsertedEvent<Order> event = new ItemInsertedEvent<>(this, "orders", insert,
                ResolvableType.forClass(Order.class), new Order("1", BigDecimal.ONE));

        assertThat(event.getResolvableType())
                .isEqualTo(ResolvableType.forClassWithGenerics(ItemInsertedEvent.class, Order.class));
    }

    @Test
    void aBatchEventCarriesOnlyTheChangesSomeListenerReceives() {
        contextRunner.run(context -> {
            Listeners listeners = context.getBean(Listeners.class);
            UnheardChanges unheard = UnheardChanges.of("orders", Set.of(ChangeType.REMOVE));
            EventPublishingStreamListener orders = new EventPublishingStreamListener(
                    TestStreams.definition("orders", Order.class, ListenerMode.BATCH), context, unheard,
                    DeliveryObservations.NONE);
            orders.onBatch(List.of(record(ChangeType.REMOVE, "orders", Map.of(), order("1"))));
            orders.onBatch(List.of(record(ChangeType.INSERT, "orders", order("1"), Map.of()),
                    record(ChangeType.REMOVE, "orders", Map.of(), order("1"))));

            assertThat(listeners.batches).containsExactly(List.of(ChangeType.INSERT));
            assertThat(unheard.count(ChangeType.REMOVE)).isEqualTo(2);
        });
    }

    @Test
    void listenerExceptionPropagatesToThePoller() {
        contextRunner.run(context -> {
            Listeners listeners = context.getBean(Listeners.class);
            listeners.failWith = new IllegalStateException("database down");
            EventPublishingStreamListener orders = listener(context, stream("orders", Order.class));
            assertThatThrownBy(() -> orders.onInsert(record(ChangeType.INSERT, "orders", order("1"), Map.of())))
                    .isInstanceOf(IllegalStateException.class).hasMessage("database down");
        });
    }

    @Test
    void imageThatDoesNotFitTheItemTypeFailsTheDelivery() {
        contextRunner.run(context -> {
            EventPublishingStreamListener orders = listener(context, stream("orders", Order.class));
            ChangeRecord bad = record(ChangeType.INSERT, "orders",
                    Map.of("total", AttributeValue.fromS("not a number")), Map.of());
            assertThatThrownBy(() -> orders.onInsert(bad))
                    .hasMessageContaining("Cannot map the new image of " + bad)
                    .hasMessageContaining(Order.class.getName());
        });
    }

    @Test
    void shardLifecycleAndFailuresBecomeEvents() {
        contextRunner.run(context -> {
            Listeners listeners = context.getBean(Listeners.class);
            EventPublishingStreamListener orders = listener(context, stream("orders", Order.class));
            ChangeRecord failed = record(ChangeType.INSERT, "orders", order("1"), Map.of());
            IllegalStateException failure = new IllegalStateException("boom");
            orders.onNewShards(List.of("shard-2", "shard-3"));
            orders.onRemovedShards(List.of(new RemovedShard("shard-1", RemovedShard.Reason.FINISHED)));
            orders.onDataLoss(new DataLoss("shard-4", "41", DataLoss.Reason.TRIMMED));
            orders.handle(List.of(failed), failure);
            assertThat(listeners.shards).hasSize(4);
            assertThat(listeners.shards.get(0)).isInstanceOfSatisfying(NewShardsEvent.class, event -> {
                assertThat(event.shardIds()).containsExactly("shard-2", "shard-3");
                assertThat(event.streamName()).isEqualTo("orders");
                assertThat(event.tableName()).isEqualTo("orders");
                assertThat(event.streamArn()).isEqualTo(TestStreams.arn("orders"));
            });
            assertThat(listeners.shards.get(1)).isInstanceOfSatisfying(RemovedShardsEvent.class,
                    event -> assertThat(event.shardIds()).containsExactly("shard-1"));
            assertThat(listeners.shards.get(2)).isInstanceOfSatisfying(DataLossEvent.class, event -> {
                assertThat(event.shardId()).isEqualTo("shard-4");
                assertThat(event.afterSequenceNumber()).isEqualTo("41");
                assertThat(event.reason()).isEqualTo(DataLoss.Reason.TRIMMED);
            });
            assertThat(listeners.shards.get(3)).isInstanceOfSatisfying(RecordFailedEvent.class, event -> {
                assertThat(event.records()).containsExactly(failed);
                assertThat(event.failure()).isSameAs(failure);
                assertThat(event.shardId()).isEqualTo("shard-1");
                assertThat(event.sequenceNumber()).isEqualTo("42");
                assertThat(event.approximateCreationTime()).isEqualTo(CREATED);
            });
        });
    }
}
