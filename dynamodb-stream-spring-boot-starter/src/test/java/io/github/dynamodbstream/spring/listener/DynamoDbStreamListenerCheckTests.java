package io.github.dynamodbstream.spring.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dynamodbstream.core.record.ChangeType;
import io.github.dynamodbstream.spring.ListenerMode;
import io.github.dynamodbstream.spring.StreamDefinition;
import io.github.dynamodbstream.spring.StreamDefinitions;
import io.github.dynamodbstream.spring.diagnostics.DynamoDbStreamConfigurationException;
import io.github.dynamodbstream.spring.event.DynamoDbStreamEvent;
import io.github.dynamodbstream.spring.event.ItemChangeEvent;
import io.github.dynamodbstream.spring.event.ItemChangesEvent;
import io.github.dynamodbstream.spring.event.ItemInsertedEvent;
import io.github.dynamodbstream.spring.event.ItemModifiedEvent;
import io.github.dynamodbstream.spring.event.ItemRemovedEvent;
import io.github.dynamodbstream.spring.support.TestStreams;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.context.event.SimpleApplicationEventMulticaster;
import org.springframework.context.support.AbstractApplicationContext;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.transaction.event.TransactionalEventListener;

@ExtendWith(OutputCaptureExtension.class)
class DynamoDbStreamListenerCheckTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner();

    record Order(String id) {
    }

    private static final StreamDefinition ORDERS = TestStreams.definition("orders", Order.class, ListenerMode.RECORD);
    private static final StreamDefinition AUDIT = TestStreams.definition("audit", null, ListenerMode.RECORD);

    private static DynamoDbStreamListenerCheck check(AssertableApplicationContext context,
            StreamDefinition... streams) {
        return check(context, stream -> false, false, streams);
    }

    private static DynamoDbStreamListenerCheck check(AssertableApplicationContext context,
            Predicate<StreamDefinition> fed, boolean allowAsynchronous, StreamDefinition... streams) {
        return new DynamoDbStreamListenerCheck(context.getSourceApplicationContext(),
                new StreamDefinitions(List.of(streams)), fed, allowAsynchronous);
    }

    static class OrderInserts {

        @EventListener
        void on(ItemInsertedEvent<Order> event) {
        }
    }

    static class EveryOrderChange {

        @EventListener
        void on(ItemChangeEvent<Order> event) {
        }
    }

    static class LocalDateInserts {

        @EventListener
        void on(ItemInsertedEvent<LocalDate> event) {
        }
    }

    static class EveryApplicationEvent {

        @EventListener
        void on(ApplicationEvent event) {
        }
    }

    static class EveryStreamEvent {

        @EventListener
        void on(DynamoDbStreamEvent event) {
        }
    }

    static class OrderBatches {

        @EventListener
        void on(ItemChangesEvent<Order> event) {
        }
    }

    static class AsyncOrderChanges {

        @Async
        @EventListener
        void on(ItemChangeEvent<Order> event) {
        }
    }

    static class TransactionalOrderChanges {

        @TransactionalEventListener
        void on(ItemChangeEvent<Order> event) {
        }
    }

    static class MapRemovals implements ApplicationListener<ItemRemovedEvent<Map<String, Object>>> {

        @Override
        public void onApplicationEvent(ItemRemovedEvent<Map<String, Object>> event) {
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAsync
    static class AsyncEnabled {
    }

    @Configuration(proxyBeanMethods = false)
    static class MulticasterWithExecutor {

        @Bean(AbstractApplicationContext.APPLICATION_EVENT_MULTICASTER_BEAN_NAME)
        SimpleApplicationEventMulticaster applicationEventMulticaster() {
            SimpleApplicationEventMulticaster multicaster = new SimpleApplicationEventMulticaster();
            multicaster.setTaskExecutor(Executors.newSingleThreadExecutor());
            return multicaster;
        }
    }

    @Test
    void aStreamNoListenerReceivesFailsTheStartNamingItsEventsAndTheSignaturesThatWouldReceiveThem() {
        contextRunner.run(context -> assertThatThrownBy(() -> check(context, ORDERS).verify())
                .isInstanceOfSatisfying(DynamoDbStreamConfigurationException.class, e -> {
                    assertThat(e.problem()).contains("Stream 'orders' (table orders)")
                            .contains(ItemInsertedEvent.class.getName() + "<" + Order.class.getName() + ">")
                            .contains(ItemModifiedEvent.class.getName()).contains(ItemRemovedEvent.class.getName());
                    assertThat(e.action()).contains("@EventListener void on(" + ItemChangeEvent.class.getName()
                            + "<" + Order.class.getName() + "> event)");
                }));
    }

    @Test
    void aListenerOfAnotherItemTypeDoesNotCountAndIsNamed() {
        contextRunner.withBean(LocalDateInserts.class).run(context ->
                assertThatThrownBy(() -> check(context, AUDIT).verify())
                        .isInstanceOfSatisfying(DynamoDbStreamConfigurationException.class, e -> assertThat(e.problem())
                                .contains("Stream 'audit'")
                                .contains(ItemInsertedEvent.class.getName() + "<java.util.Map<java.lang.String,"
                                        + " java.lang.Object>>")
                                .contains("These listeners receive such events of another item type: "
                                        + LocalDateInserts.class.getName() + ".on(" + ItemInsertedEvent.class.getName()
                                        + "<java.time.LocalDate>)")));
    }

    @Test
    void listenersOfEveryApplicationEventDoNotCount() {
        contextRunner.withBean(EveryApplicationEvent.class).run(context ->
                assertThatThrownBy(() -> check(context, ORDERS).verify())
                        .isInstanceOf(DynamoDbStreamConfigurationException.class));
    }

    @Test
    void aListenerOfTheSuperclassEventReceivesEveryChangeType() {
        contextRunner.withBean(EveryOrderChange.class).run(context -> {
            DynamoDbStreamListenerCheck check = check(context, ORDERS);
            check.verify();
            assertThat(check.unheardChanges("orders").types()).isEmpty();
        });
        contextRunner.withBean(EveryStreamEvent.class).run(context -> {
            DynamoDbStreamListenerCheck check = check(context, ORDERS, AUDIT);
            check.verify();
            assertThat(check.unheardChanges("orders").types()).isEmpty();
            assertThat(check.unheardChanges("audit").types()).isEmpty();
        });
    }

    @Test
    void changeTypesNoListenerReceivesAreLoggedOnceAndSkippedAndTheirCountIsLoggedWhenAsked(CapturedOutput output) {
        contextRunner.withBean(OrderInserts.class).withBean(MapRemovals.class).run(context -> {
            DynamoDbStreamListenerCheck check = check(context, ORDERS, AUDIT);
            check.verify();
            UnheardChanges orders = check.unheardChanges("orders");
            assertThat(orders.types()).containsExactlyInAnyOrder(ChangeType.MODIFY, ChangeType.REMOVE);
            assertThat(check.unheardChanges("audit").types())
                    .containsExactlyInAnyOrder(ChangeType.INSERT, ChangeType.MODIFY);
            assertThat(output).contains("No listener receives the [MODIFY, REMOVE] changes of stream 'orders'");

            assertThat(orders.skip(ChangeType.REMOVE)).isTrue();
            assertThat(orders.skip(ChangeType.REMOVE)).isTrue();
            assertThat(orders.skip(ChangeType.INSERT)).isFalse();
            check.reportUnheardChanges();
            assertThat(output).contains("Stream 'orders' acknowledged 2 REMOVE change(s) without publishing them")
                    .contains("Stream 'orders' acknowledged 0 MODIFY change(s) without publishing them");
        });
    }

    @Test
    void beforeTheFirstCheckNothingIsUnheard() {
        contextRunner.run(context -> assertThat(check(context, ORDERS).unheardChanges("orders").types()).isEmpty());
    }

    @Test
    void aStreamThatFeedsAReplicaNeedsNoListener() {
        contextRunner.run(context -> {
            DynamoDbStreamListenerCheck check = check(context, stream -> stream.name().equals("orders"), false,
                    ORDERS);
            check.verify();
            assertThat(check.unheardChanges("orders").types()).containsExactlyInAnyOrder(ChangeType.values());
        });
    }

    @Test
    void inBatchModeOnlyABatchListenerCounts() {
        StreamDefinition batches = TestStreams.definition("orders", Order.class, ListenerMode.BATCH);
        contextRunner.withBean(EveryOrderChange.class).run(context ->
                assertThatThrownBy(() -> check(context, batches).verify())
                        .isInstanceOfSatisfying(DynamoDbStreamConfigurationException.class, e -> assertThat(e.action())
                                .contains("@EventListener void on(" + ItemChangesEvent.class.getName() + "<")));
        contextRunner.withBean(OrderBatches.class).run(context -> {
            DynamoDbStreamListenerCheck check = check(context, batches);
            check.verify();
            assertThat(check.unheardChanges("orders").types()).isEmpty();
        });
    }

    @Test
    void anAsyncListenerFailsTheStartWhenAsyncExecutionIsEnabled() {
        contextRunner.withUserConfiguration(AsyncEnabled.class).withBean(AsyncOrderChanges.class).run(context ->
                assertThatThrownBy(() -> check(context, ORDERS).verify())
                        .isInstanceOfSatisfying(DynamoDbStreamConfigurationException.class, e -> {
                            assertThat(e.problem()).contains("Listeners of stream 'orders' run asynchronously: "
                                    + AsyncOrderChanges.class.getName() + ".on(").contains("it is @Async");
                            assertThat(e.action()).contains("dynamodb.stream.allow-asynchronous-listeners=true");
                        }));
        contextRunner.withBean(AsyncOrderChanges.class).run(context -> check(context, ORDERS).verify());
    }

    @Test
    void aTransactionalEventListenerFailsTheStart() {
        contextRunner.withBean(TransactionalOrderChanges.class).run(context ->
                assertThatThrownBy(() -> check(context, ORDERS).verify())
                        .isInstanceOf(DynamoDbStreamConfigurationException.class)
                        .hasMessageContaining("it is a @TransactionalEventListener"));
    }

    @Test
    void aMulticasterWithATaskExecutorFailsTheStart() {
        contextRunner.withUserConfiguration(MulticasterWithExecutor.class).withBean(EveryOrderChange.class)
                .run(context -> assertThatThrownBy(() -> check(context, ORDERS).verify())
                        .isInstanceOf(DynamoDbStreamConfigurationException.class)
                        .hasMessageContaining("has a task executor"));
    }

    @Test
    void asynchronousListenersAreOnlyWarnedAboutWhenAllowed(CapturedOutput output) {
        contextRunner.withUserConfiguration(AsyncEnabled.class).withBean(AsyncOrderChanges.class).run(context -> {
            check(context, stream -> false, true, ORDERS).verify();
            assertThat(output).contains("Listeners of stream 'orders' run asynchronously, which "
                    + "dynamodb.stream.allow-asynchronous-listeners allows");
        });
    }
}
