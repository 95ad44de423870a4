package io.github.dynamodbstream.spring.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.dynamodbstream.core.dynamodb.DynamoDbDeadLetterStore;
import io.github.dynamodbstream.core.failure.DeadLetterStore;
import io.github.dynamodbstream.core.failure.ListenerFailureMode;
import io.github.dynamodbstream.core.record.ChangeRecord;
import io.github.dynamodbstream.core.record.ChangeType;
import io.github.dynamodbstream.emulator.DynamoDbEmulatorExtension;
import io.github.dynamodbstream.spring.DynamoDbStreamAutoConfiguration;
import io.github.dynamodbstream.spring.ListenerMode;
import io.github.dynamodbstream.spring.StreamDefinition;
import io.github.dynamodbstream.spring.StreamDefinitions;
import io.github.dynamodbstream.spring.checkpoint.DynamoDbStreamCheckpointAutoConfiguration;
import io.github.dynamodbstream.spring.deadletter.DynamoDbStreamDeadLetterAutoConfiguration;
import io.github.dynamodbstream.spring.diagnostics.DynamoDbStreamConfigurationException;
import io.github.dynamodbstream.spring.event.ItemChangeEvent;
import io.github.dynamodbstream.spring.support.OnEmulator;
import io.github.dynamodbstream.spring.support.TestItems;
import io.github.dynamodbstream.test.EmulatorTables;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The delivery keys: listener mode, maximum record age, filter, and the dead-letter store. */
class DeliverySettingsTests {

    @RegisterExtension
    static final DynamoDbEmulatorExtension EMULATOR = DynamoDbEmulatorExtension.create();

    private final ApplicationContextRunner contextRunner = OnEmulator.contextRunner(EMULATOR.emulator(),
            DynamoDbStreamAutoConfiguration.class, DynamoDbStreamCheckpointAutoConfiguration.class,
            DynamoDbStreamDeadLetterAutoConfiguration.class);

    private static String newTable() {
        String table = OnEmulator.uniqueName("delivery");
        EmulatorTables.createWithStream(EMULATOR.dynamoDbClient(), table);
        return table;
    }

    private static ChangeRecord record(ChangeType type, String status) {
        return ChangeRecord.builder().type(type).shardId("shard-1").sequenceNumber("1")
                .streamArn("arn:aws:dynamodb:us-east-1:123456789012:table/t/stream/2024-01-01T00:00:00.000")
                .approximateCreationTime(Instant.EPOCH).keys(Map.of("id", AttributeValue.fromS("a")))
                .newImage(Map.of("id", AttributeValue.fromS("a"), "status", AttributeValue.fromS(status)))
                .build();
    }

    @Test
    void perStreamDeliveryKeysFallBackToTheTopLevelOnes() {
        String orders = newTable();
        String audit = newTable();
        contextRunner.withPropertyValues(
                "dynamodb.stream.max-record-age=1h",
                "dynamodb.stream.listener-mode=batch",
                "dynamodb.stream.filter.change-types=insert,modify",
                "dynamodb.stream.filter.condition=#newImage['status'] == 'PAID'",
                "dynamodb.stream.streams.orders.table-name=" + orders,
                "dynamodb.stream.streams.audit.table-name=" + audit,
                "dynamodb.stream.streams.audit.listener-mode=record",
                "dynamodb.stream.streams.audit.max-record-age=5m",
                "dynamodb.stream.streams.audit.filter.condition=#type != 'MODIFY'").run(context -> {
                    StreamDefinitions streams = context.getBean(StreamDefinitions.class);
                    StreamDefinition first = streams.get("orders").orElseThrow();
                    assertThat(first.listenerMode()).isEqualTo(ListenerMode.BATCH);
                    assertThat(first.maxRecordAge()).isEqualTo(Duration.ofHours(1));
                    assertThat(first.onFailure()).isEqualTo(ListenerFailureMode.BLOCK);
                    assertThat(first.filter().test(record(ChangeType.INSERT, "PAID"))).isTrue();
                    assertThat(first.filter().test(record(ChangeType.INSERT, "OPEN"))).isFalse();
                    assertThat(first.filter().test(record(ChangeType.REMOVE, "PAID"))).isFalse();

                    StreamDefinition second = streams.get("audit").orElseThrow();
                    assertThat(second.listenerMode()).isEqualTo(ListenerMode.RECORD);
                    assertThat(second.maxRecordAge()).isEqualTo(Duration.ofMinutes(5));
                    assertThat(second.filter().test(record(ChangeType.INSERT, "OPEN")))
                            .as("its own condition replaces the top-level one").isTrue();
                    assertThat(second.filter().test(record(ChangeType.MODIFY, "PAID"))).isFalse();
                    assertThat(second.filter().test(record(ChangeType.REMOVE, "PAID")))
                            .as("change types still fall back to the top level").isFalse();
                });
    }

    @Test
    void aFilterConditionThatDoesNotParseFailsTheStartNamingTheProperty() {
        String table = newTable();
        contextRunner.withPropertyValues("dynamodb.stream.table-name=" + table,
                "dynamodb.stream.filter.condition=#newImage['status'] ==").run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(configurationFailure(context.getStartupFailure()))
                            .hasMessageContaining("dynamodb.stream.filter.condition")
                            .hasMessageContaining("is not a valid SpEL expression");
                });
    }

    @Test
    void aMaximumRecordAgeOfZeroFailsTheStart() {
        String table = newTable();
        contextRunner.withPropertyValues("dynamodb.stream.table-name=" + table,
                "dynamodb.stream.streams.other.table-name=" + table,
                "dynamodb.stream.streams.other.max-record-age=0s").run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(configurationFailure(context.getStartupFailure()))
                            .hasMessageContaining("dynamodb.stream.streams.other.max-record-age");
                });
    }

    @Test
    void theDynamoDbDeadLetterStoreIsThereOnlyWhenAStreamUsesIt() {
        String table = newTable();
        contextRunner.withPropertyValues("dynamodb.stream.table-name=" + table).run(context ->
                assertThat(context).doesNotHaveBean(DeadLetterStore.class));
        contextRunner.withPropertyValues("dynamodb.stream.streams.orders.table-name=" + table,
                "dynamodb.stream.streams.orders.on-failure=dead-letter",
                "dynamodb.stream.dead-letter.table-name=" + OnEmulator.uniqueName("letters"),
                "dynamodb.stream.dead-letter.create-table=true").run(context ->
                assertThat(context).hasSingleBean(DynamoDbDeadLetterStore.class));
    }

    @Test
    void aMissingDeadLetterTableFailsTheStartSayingHowToCreateIt() {
        String table = newTable();
        contextRunner.withPropertyValues("dynamodb.stream.table-name=" + table,
                "dynamodb.stream.on-failure=dead-letter",
                "dynamodb.stream.dead-letter.table-name=no-such-dead-letters").run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(configurationFailure(context.getStartupFailure()))
                            .hasMessageContaining("no-such-dead-letters")
                            .hasMessageContaining("dynamodb.stream.dead-letter.create-table=true");
                });
    }

    @Test
    void theApplicationsOwnDeadLetterStoreWins() {
        String table = newTable();
        DeadLetterStore own = letter -> { };
        contextRunner.withPropertyValues("dynamodb.stream.table-name=" + table,
                "dynamodb.stream.on-failure=dead-letter").withBean(DeadLetterStore.class, () -> own)
                .run(context -> assertThat(context.getBean(DeadLetterStore.class)).isSameAs(own));
    }

    @Test
    void filteredRecordsReachNoListenerAndAreCounted() {
        String table = newTable();
        try (ConfigurableApplicationContext context = OnEmulator.start(FilteringApp.class,
                OnEmulator.pollingFromTrimHorizon(EMULATOR.emulator(),
                        "dynamodb.stream.table-name=" + table,
                        "dynamodb.stream.filter.change-types=insert,modify",
                        "dynamodb.stream.filter.condition=#newImage['version'] > 1"))) {
            FilteringApp app = context.getBean(FilteringApp.class);
            TestItems.put(EMULATOR.dynamoDbClient(), table, "a", 1);
            TestItems.put(EMULATOR.dynamoDbClient(), table, "a", 2);
            TestItems.put(EMULATOR.dynamoDbClient(), table, "b", 3);
            TestItems.delete(EMULATOR.dynamoDbClient(), table, "b");
            TestItems.put(EMULATOR.dynamoDbClient(), table, "last", 9);
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            await().atMost(Duration.ofSeconds(10)).until(() -> app.ids().size() == 3
                    && meters.get("dynamodb.stream.records.filtered").tag("stream", table).counter().count() == 2);

            assertThat(app.changes).extracting(change -> change.keys().get("id").s() + ":" + change.changeType())
                    .containsExactlyInAnyOrder("a:MODIFY", "b:INSERT", "last:INSERT");
        }
    }

    /** The configuration exception among a start-up failure's causes. */
    private static DynamoDbStreamConfigurationException configurationFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DynamoDbStreamConfigurationException configuration) {
                return configuration;
            }
        }
        throw new AssertionError("No DynamoDbStreamConfigurationException among the causes of " + failure, failure);
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class FilteringApp {

        final List<ItemChangeEvent<Map<String, Object>>> changes = new CopyOnWriteArrayList<>();

        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }

        @EventListener
        void on(ItemChangeEvent<Map<String, Object>> event) {
            changes.add(event);
        }

        List<String> ids() {
            return changes.stream().map(change -> change.keys().get("id").s()).toList();
        }
    }
}
