package io.github.dynamodbstream.spring.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.dynamodbstream.emulator.DynamoDbEmulatorExtension;
import io.github.dynamodbstream.emulator.Fault;
import io.github.dynamodbstream.spring.event.ItemChangeEvent;
import io.github.dynamodbstream.spring.support.OnEmulator;
import io.github.dynamodbstream.spring.support.TestItems;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Bad input met by a running application: each case is reported at run time (health DOWN or a blocked shard with the
 * reason, a log line, a metric), never hangs, and loses nothing already acknowledged. The cases found at start are
 * in {@code DynamoDbStreamConfigurationFailureAnalyzerTests}; docs/reliability.md lists which test covers which.
 */
@ExtendWith(OutputCaptureExtension.class)
@Timeout(60)
class BadInputThroughSpringTests {

    @RegisterExtension
    static final DynamoDbEmulatorExtension EMULATOR = DynamoDbEmulatorExtension.create();

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(Listener.class)
    static class App {
    }

    static class Listener {

        final List<String> ids = new CopyOnWriteArrayList<>();

        @EventListener
        void on(ItemChangeEvent<Map<String, Object>> event) {
            ids.add(event.keys().get("id").s() + "#" + event.sequenceNumber());
        }

        long distinct() {
            return ids.stream().distinct().count();
        }
    }

    @AfterEach
    void clearFaults() {
        EMULATOR.emulator().clearFaults();
    }

    private static String newTable() {
        return OnEmulator.newTable(EMULATOR, "bad");
    }

    private static ConfigurableApplicationContext start(String... more) {
        List<String> properties = new ArrayList<>(List.of(OnEmulator.pollingFromTrimHorizon(EMULATOR.emulator(),
                "dynamodb.stream.shard-discovery-interval=100ms",
                "dynamodb.stream.consumer-name=bad-input",
                "spring.main.banner-mode=off")));
        properties.addAll(List.of(more));
        return OnEmulator.start(App.class, properties.toArray(String[]::new));
    }

    private static Health health(ConfigurableApplicationContext context) {
        return context.getBean("dynamodbStreamHealthIndicator", HealthIndicator.class).health();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> streamDetails(ConfigurableApplicationContext context, String stream) {
        Map<String, Object> streams = (Map<String, Object>) health(context).getDetails().get("streams");
        return (Map<String, Object>) streams.get(stream);
    }

    @Test
    void streamDisabledWhileRunningTurnsHealthDownWithTheReasonAfterDeliveringWhatItHeld(CapturedOutput output) {
        String table = newTable();
        TestItems.put(EMULATOR.dynamoDbClient(), table, "a", 1);
        try (ConfigurableApplicationContext context = start("dynamodb.stream.table-name=" + table)) {
            Listener listener = context.getBean(Listener.class);
            await().atMost(Duration.ofSeconds(15)).until(() -> listener.ids.size() == 1);
            TestItems.put(EMULATOR.dynamoDbClient(), table, "b", 1);
            EMULATOR.dynamoDbClient().updateTable(r -> r.tableName(table)
                    .streamSpecification(s -> s.streamEnabled(false)));
            EMULATOR.emulator().advanceClock(Duration.ofSeconds(1));

            await().atMost(Duration.ofSeconds(15)).until(() -> health(context).getStatus().equals(Status.DOWN));
            assertThat(streamDetails(context, table)).containsEntry("state", "UNAVAILABLE")
                    .hasEntrySatisfying("problem", problem -> assertThat((String) problem).contains("DISABLED")
                            .contains("enable its stream"));
            await().atMost(Duration.ofSeconds(15)).until(() -> listener.ids.size() == 2);
            assertThat(listener.distinct()).isEqualTo(2);
        }
        assertThat(output.getAll()).contains("DISABLED");
    }

    @Test
    void tableDeletedWhileRunningTurnsHealthDownAndWhatItHeldIsDeliveredOnce() {
        String table = newTable();
        TestItems.put(EMULATOR.dynamoDbClient(), table, "a", 1);
        try (ConfigurableApplicationContext context = start("dynamodb.stream.table-name=" + table)) {
            Listener listener = context.getBean(Listener.class);
            await().atMost(Duration.ofSeconds(15)).until(() -> listener.ids.size() == 1);
            TestItems.put(EMULATOR.dynamoDbClient(), table, "a", 2);
            EMULATOR.dynamoDbClient().deleteTable(r -> r.tableName(table));

            await().atMost(Duration.ofSeconds(15)).until(() -> health(context).getStatus().equals(Status.DOWN));
            assertThat((String) streamDetails(context, table).get("problem")).contains("table was deleted");
            await().atMost(Duration.ofSeconds(15)).until(() -> listener.ids.size() == 2);
            assertThat(listener.distinct()).isEqualTo(2);
        }
    }

    @Test
    void listingAnsweredWithGarbageTurnsHealthDownWithTheReasonThenRecovers(CapturedOutput output) {
        String table = newTable();
        String streamArn = EMULATOR.dynamoDbClient().describeTable(r -> r.tableName(table)).table().latestStreamArn();
        TestItems.putMany(EMULATOR.dynamoDbClient(), table, "item", 3);
        EMULATOR.emulator().injectFault("DescribeStream", Fault.notJson(), 1_000);
        try (ConfigurableApplicationContext context = start("dynamodb.stream.stream-arn=" + streamArn)) {
            Listener listener = context.getBean(Listener.class);
            await().atMost(Duration.ofSeconds(15)).until(() -> health(context).getStatus().equals(Status.DOWN));
            assertThat(streamDetails(context, table)).containsEntry("state", "FAILED")
                    .hasEntrySatisfying("problem", problem -> assertThat((String) problem).contains("not valid JSON"));
            assertThat(listener.ids).isEmpty();

            EMULATOR.emulator().clearFaults();
            await().atMost(Duration.ofSeconds(15)).until(() -> listener.ids.size() == 3);
            await().atMost(Duration.ofSeconds(15)).until(() -> health(context).getStatus().equals(Status.UP));
            assertThat(listener.distinct()).isEqualTo(3);
        }
        assertThat(output.getAll()).contains("Reading stream '" + table + "'").contains("not valid JSON");
    }

    @Test
    void truncatedRecordsAnswersAreRetriedWithoutLossOrRepeat() {
        String table = newTable();
        try (ConfigurableApplicationContext context = start("dynamodb.stream.table-name=" + table)) {
            Listener listener = context.getBean(Listener.class);
            await().atMost(Duration.ofSeconds(15)).until(() -> health(context).getStatus().equals(Status.UP));
            EMULATOR.emulator().injectFault("GetRecords", Fault.truncatedJson(), 6);
            TestItems.putMany(EMULATOR.dynamoDbClient(), table, "item", 10);
            await().atMost(Duration.ofSeconds(20)).until(() -> listener.ids.size() >= 10);
            assertThat(listener.ids).hasSize(10).doesNotHaveDuplicates();
        }
    }

    @Test
    void unknownEventNameAndRecordWithoutImagesAreCountedLoggedAndSkippedWhileTheRestIsDelivered(
            CapturedOutput output) {
        String table = newTable();
        EMULATOR.emulator().injectFault("GetRecords", Fault.unknownEventName(), 1);
        EMULATOR.emulator().injectFault("GetRecords", Fault.recordWithoutImages(), 1);
        for (int i = 0; i < 6; i++) {
            TestItems.put(EMULATOR.dynamoDbClient(), table, "item-" + i, 1);
        }
        try (ConfigurableApplicationContext context = start("dynamodb.stream.table-name=" + table,
                "dynamodb.stream.max-records=1")) {
            Listener listener = context.getBean(Listener.class);
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> meters.counter("dynamodb.stream.records.malformed", "stream", table).count() == 2);
            await().atMost(Duration.ofSeconds(15)).until(() -> listener.ids.size() == 4);
            assertThat(listener.distinct()).isEqualTo(4);
            assertThat(health(context).getStatus()).isEqualTo(Status.UP);
        }
        assertThat(output.getAll()).contains("Skipped a record").contains("UPSERT").contains("NewImage");
    }

    @Test
    void throttledCheckpointTablePausesDeliveryThenEverythingIsDeliveredAndCheckpointed() {
        String table = newTable();
        String checkpoints = table + "-checkpoints";
        try (ConfigurableApplicationContext context = start("dynamodb.stream.table-name=" + table,
                "dynamodb.stream.checkpoint.store=dynamodb", "dynamodb.stream.checkpoint.create-table=true",
                "dynamodb.stream.checkpoint.table-name=" + checkpoints)) {
            Listener listener = context.getBean(Listener.class);
            await().atMost(Duration.ofSeconds(15)).until(() -> health(context).getStatus().equals(Status.UP));
            EMULATOR.emulator().injectFault("PutItem", Fault.throttling(), 3);
            TestItems.putMany(EMULATOR.dynamoDbClient(), table, "item", 5);

            await().atMost(Duration.ofSeconds(30)).until(() -> listener.distinct() == 5
                    && EMULATOR.emulator().calls().count("PutItem", "ProvisionedThroughputExceededException") == 3);
            await().atMost(Duration.ofSeconds(15)).until(() -> checkpointedShards(checkpoints) >= 1);
            assertThat(listener.distinct()).isEqualTo(5);
            assertThat(health(context).getStatus()).isEqualTo(Status.UP);
        }
    }

    private static long checkpointedShards(String checkpoints) {
        return EMULATOR.dynamoDbClient().scan(r -> r.tableName(checkpoints)).items().stream()
                .filter(item -> item.containsKey("sequenceNumber")).count();
    }

    @Test
    void checkpointRowOfANewerVersionTurnsHealthDownWithTheReasonAndIsLeftAsItWas() {
        String table = newTable();
        String streamArn = EMULATOR.dynamoDbClient().describeTable(r -> r.tableName(table)).table().latestStreamArn();
        String shardId = EMULATOR.streamsClient().describeStream(r -> r.streamArn(streamArn)).streamDescription()
                .shards().get(0).shardId();
        TestItems.put(EMULATOR.dynamoDbClient(), table, "a", 1);
        String database = "jdbc:h2:mem:" + table.replace('-', '_') + ";DB_CLOSE_DELAY=-1";
        try (ConfigurableApplicationContext context = start("dynamodb.stream.table-name=" + table,
                "dynamodb.stream.checkpoint.store=jdbc", "dynamodb.stream.checkpoint.create-table=true",
                "dynamodb.stream.auto-startup=false", "spring.datasource.url=" + database)) {
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            jdbc.update("INSERT INTO dynamodb_stream_checkpoints (consumer_name, stream_arn, shard_id, "
                    + "sequence_number, finished, updated_at_millis, owner_id, schema_version) "
                    + "VALUES ('bad-input', ?, ?, '99999999999999999999', FALSE, 0, 'newer', 2)", streamArn, shardId);
            context.getBean(io.github.dynamodbstream.spring.poller.DynamoDbStreamListenerContainer.class).start();

            await().atMost(Duration.ofSeconds(15)).until(() -> health(context).getStatus().equals(Status.DOWN));
            assertThat((String) streamDetails(context, table).get("problem")).contains("schema version 2")
                    .contains("Upgrade");
            assertThat(context.getBean(Listener.class).ids).isEmpty();
            assertThat(jdbc.queryForList("SELECT sequence_number, schema_version, owner_id FROM "
                    + "dynamodb_stream_checkpoints")).singleElement().satisfies(row -> assertThat(row.values())
                    .containsExactly("99999999999999999999", 2, "newer"));
        }
    }
}
