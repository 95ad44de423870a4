package io.github.dynamodbstream.spring.poller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.dynamodbstream.core.DynamoDbStreamPoller;
import io.github.dynamodbstream.emulator.DynamoDbEmulatorExtension;
import io.github.dynamodbstream.spring.DynamoDbStreamAutoConfiguration;
import io.github.dynamodbstream.spring.StreamDefinitions;
import io.github.dynamodbstream.spring.checkpoint.DynamoDbStreamCheckpointAutoConfiguration;
import io.github.dynamodbstream.spring.container.StreamState;
import io.github.dynamodbstream.spring.container.StreamStatus;
import io.github.dynamodbstream.spring.diagnostics.DynamoDbStreamConfigurationFailureAnalyzer;
import io.github.dynamodbstream.spring.event.EventPublishingStreamListeners;
import io.github.dynamodbstream.spring.event.ItemInsertedEvent;
import io.github.dynamodbstream.spring.listener.DynamoDbStreamListenerCheck;
import io.github.dynamodbstream.spring.support.OnEmulator;
import io.github.dynamodbstream.spring.support.TestItems;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.config.TaskManagementConfigUtils;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

@ExtendWith(OutputCaptureExtension.class)
class DynamoDbStreamPollerAutoConfigurationTests {

    @RegisterExtension
    static final DynamoDbEmulatorExtension EMULATOR = DynamoDbEmulatorExtension.create();

    private final ApplicationContextRunner contextRunner = OnEmulator.pollingContextRunner(EMULATOR.emulator(),
            DynamoDbStreamAutoConfiguration.class, DynamoDbStreamCheckpointAutoConfiguration.class,
            DynamoDbStreamPollerAutoConfiguration.class)
            .withUserConfiguration(Listeners.class);

    static class Listeners {

        final List<String> ids = new CopyOnWriteArrayList<>();
        final List<String> threads = new CopyOnWriteArrayList<>();

        @EventListener
        void on(ItemInsertedEvent<Map<String, Object>> event) {
            ids.add(event.streamName() + "/" + event.item().get("id"));
            threads.add(Thread.currentThread().getName());
        }
    }

    private static String newTable() {
        return OnEmulator.newTable(EMULATOR, "orders");
    }

    private static void put(String table, String id) {
        DynamoDbClient client = EMULATOR.dynamoDbClient();
        client.putItem(request -> request.tableName(table).item(Map.of("id", AttributeValue.fromS(id))));
    }

    @Test
    void startsOnePollerPerStreamWhenTheContextIsRefreshedAndDeliversOnItsOwnThreads() {
        String orders = newTable();
        String customers = newTable();
        contextRunner.withPropertyValues("dynamodb.stream.streams.orders.table-name=" + orders,
                "dynamodb.stream.streams.customers.table-name=" + customers).run(context -> {
            assertThat(context).hasSingleBean(DefaultDynamoDbStreamPollerFactory.class)
                    .hasSingleBean(DynamoDbStreamSchedulingConfigurer.class);
            DynamoDbStreamListenerContainer container = context.getBean(DynamoDbStreamListenerContainer.class);
            assertThat(container.isRunning()).isTrue();
            assertThat(container.getPhase()).isEqualTo(DynamoDbStreamListenerContainer.DEFAULT_PHASE);
            put(orders, "o-1");
            put(customers, "c-1");
            Listeners listeners = context.getBean(Listeners.class);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(listeners.ids).containsExactlyInAnyOrder("orders/o-1", "customers/c-1"));
            assertThat(listeners.threads).allMatch(name -> name.startsWith("dynamodb-stream-reader-"));
            assertThat(container.streamStatuses()).extracting(StreamStatus::name, StreamStatus::state)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("orders", StreamState.RUNNING),
                            org.assertj.core.groups.Tuple.tuple("customers", StreamState.RUNNING));
        });
    }

    @Test
    void autoStartupFalseLeavesTheContainerStoppedUntilTheApplicationStartsIt() {
        String table = newTable();
        contextRunner.withPropertyValues("dynamodb.stream.table-name=" + table, "dynamodb.stream.auto-startup=false")
                .run(context -> {
                    DynamoDbStreamListenerContainer container = context.getBean(DynamoDbStreamListenerContainer.class);
                    Listeners listeners = context.getBean(Listeners.class);
                    put(table, "before-start");
                    await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                            .until(() -> listeners.ids.isEmpty());
                    assertThat(container.isRunning()).isFalse();
                    assertThat(container.streamStatuses()).extracting(StreamStatus::state)
                            .containsExactly(StreamState.STOPPED);

                    container.start();

                    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                            assertThat(listeners.ids).containsExactly(table + "/before-start"));
                    container.stop();
                    assertThat(container.isRunning()).isFalse();
                });
    }

    @Test
    void aStreamNoListenerHearsFailsTheStartWithAFailureAnalysis() {
        String table = newTable();
        OnEmulator.pollingContextRunner(EMULATOR.emulator(), DynamoDbStreamAutoConfiguration.class,
                DynamoDbStreamCheckpointAutoConfiguration.class, DynamoDbStreamPollerAutoConfiguration.class)
                .withPropertyValues("dynamodb.stream.table-name=" + table).run(context -> {
                    assertThat(context).hasFailed();
                    FailureAnalysis analysis = new DynamoDbStreamConfigurationFailureAnalyzer()
                            .analyze(context.getStartupFailure());
                    assertThat(analysis).isNotNull();
                    assertThat(analysis.getDescription()).contains("Stream '" + table + "' (table " + table
                            + ") publishes").contains("no listener of the application receives any of them");
                    assertThat(analysis.getAction()).contains("@EventListener void on(");
                });
    }

    @Test
    void unheardChangesAreAcknowledgedUnpublishedAndCountedAndTheCountIsLoggedAtStop(CapturedOutput output) {
        String table = newTable();
        contextRunner.withPropertyValues("dynamodb.stream.table-name=" + table).run(context -> {
            DynamoDbClient client = EMULATOR.dynamoDbClient();
            TestItems.put(client, table, "a", 1);
            TestItems.put(client, table, "a", 2);
            TestItems.delete(client, table, "a");
            TestItems.put(client, table, "a", 3);
            Listeners listeners = context.getBean(Listeners.class);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(listeners.ids).containsExactly(table + "/a", table + "/a"));
            assertThat(output).contains("No listener receives the [MODIFY, REMOVE] changes of stream '" + table
                    + "'");

            context.getBean(DynamoDbStreamListenerContainer.class).stop();

            assertThat(output).contains("Stream '" + table + "' acknowledged 1 MODIFY change(s) without publishing")
                    .contains("Stream '" + table + "' acknowledged 1 REMOVE change(s) without publishing");
        });
    }

    @Test
    void backsOffWhenDisabled() {
        contextRunner.withPropertyValues("dynamodb.stream.enabled=false").run(context -> assertThat(context)
                .doesNotHaveBean(DynamoDbStreamListenerContainer.class)
                .doesNotHaveBean(DynamoDbStreamPollerFactory.class)
                .doesNotHaveBean(TaskManagementConfigUtils.SCHEDULED_ANNOTATION_PROCESSOR_BEAN_NAME));
    }

    @Test
    void enablesSchedulingOnlyWhenTheApplicationHasNot() {
        String table = newTable();
        contextRunner.withPropertyValues("dynamodb.stream.table-name=" + table).run(context -> {
            assertThat(context).hasSingleBean(DynamoDbStreamPollerAutoConfiguration.EnableSchedulingConfiguration.class)
                    .hasBean(TaskManagementConfigUtils.SCHEDULED_ANNOTATION_PROCESSOR_BEAN_NAME);
        });
        String other = newTable();
        contextRunner.withUserConfiguration(ApplicationScheduling.class)
                .withPropertyValues("dynamodb.stream.table-name=" + other).run(context -> {
                    assertThat(context)
                            .doesNotHaveBean(DynamoDbStreamPollerAutoConfiguration.EnableSchedulingConfiguration.class);
                    put(other, "scheduled-by-the-application");
                    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(context
                            .getBean(Listeners.class).ids).containsExactly(other + "/scheduled-by-the-application"));
                });
    }

    @Test
    void keepsSpringBootsOwnTaskExecutorAndSchedulerAndAddsNoneOfItsOwn() {
        String table = newTable();
        contextRunner.withConfiguration(AutoConfigurations.of(TaskExecutionAutoConfiguration.class,
                        TaskSchedulingAutoConfiguration.class))
                .withPropertyValues("dynamodb.stream.table-name=" + table).run(context -> {
                    assertThat(context.getBeansOfType(Executor.class).keySet())
                            .containsExactlyInAnyOrder("applicationTaskExecutor", "taskScheduler");
                    assertThat(context.getBeansOfType(TaskScheduler.class).keySet()).containsExactly("taskScheduler");
                    put(table, "x");
                    Listeners listeners = context.getBean(Listeners.class);
                    await().atMost(Duration.ofSeconds(10)).until(() -> listeners.ids.size() == 1);
                    assertThat(listeners.threads).noneMatch(name -> name.startsWith("scheduling-")
                            || name.startsWith("task-"));
                });
    }

    @Test
    void applicationsOwnFactoryAndContainerWin() {
        String table = newTable();
        contextRunner.withUserConfiguration(OwnFactory.class)
                .withPropertyValues("dynamodb.stream.table-name=" + table).run(context -> {
                    assertThat(context).doesNotHaveBean(DefaultDynamoDbStreamPollerFactory.class);
                    put(table, "own");
                    await().atMost(Duration.ofSeconds(10))
                            .until(() -> context.getBean(Listeners.class).ids.size() == 1);
                    assertThat(context.getBean(OwnFactory.class).created).containsExactly(table);
                });
        contextRunner.withUserConfiguration(OwnContainer.class)
                .withPropertyValues("dynamodb.stream.table-name=" + table).run(context -> {
                    assertThat(context).getBean(DynamoDbStreamListenerContainer.class)
                            .isSameAs(context.getBean(OwnContainer.class).container);
                    assertThat(context.getBean(DynamoDbStreamListenerContainer.class).isRunning()).isFalse();
                });
    }

    @Test
    void customizersApplyToThePollerOfEveryStream() {
        String orders = newTable();
        String customers = newTable();
        contextRunner.withUserConfiguration(Customizer.class)
                .withPropertyValues("dynamodb.stream.streams.orders.table-name=" + orders,
                        "dynamodb.stream.streams.customers.table-name=" + customers)
                .run(context -> assertThat(context.getBean(Customizer.class).customized)
                        .containsExactlyInAnyOrder("orders", "customers"));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableScheduling
    static class ApplicationScheduling {
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnFactory {

        final List<String> created = new CopyOnWriteArrayList<>();

        @Bean
        DynamoDbStreamPollerFactory ownPollerFactory(DynamoDbStreamsClient client,
                EventPublishingStreamListeners listeners) {
            return (stream, shardReaders, observer) -> {
                created.add(stream.name());
                return DynamoDbStreamPoller.builder().streamsClient(client).streamArn(stream.streamArn().toString())
                        .startingPosition(stream.startingPosition()).executor(shardReaders).observer(observer)
                        .listener(listeners.listenerFor(stream))
                        .build();
            };
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnContainer {

        DynamoDbStreamListenerContainer container;

        @Bean
        DynamoDbStreamListenerContainer ownListenerContainer(StreamDefinitions streams,
                DynamoDbStreamPollerFactory factory, DynamoDbStreamListenerCheck listenerCheck) {
            container = new DynamoDbStreamListenerContainer(streams, factory, List.of(), listenerCheck,
                    Duration.ofSeconds(1), false);
            return container;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Customizer {

        final List<String> customized = new CopyOnWriteArrayList<>();

        @Bean
        DynamoDbStreamPollerCustomizer recordingCustomizer() {
            return (stream, builder) -> customized.add(stream.name());
        }
    }
}
