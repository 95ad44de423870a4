package io.github.dynamodbstream.core.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.dynamodbstream.core.DynamoDbStreamException;
import io.github.dynamodbstream.core.DynamoDbStreamPoller;
import io.github.dynamodbstream.core.PollResult;
import io.github.dynamodbstream.core.PollerObserver;
import io.github.dynamodbstream.core.StartingPosition;
import io.github.dynamodbstream.core.StreamUnavailableException;
import io.github.dynamodbstream.core.checkpoint.InMemoryShardStateRepository;
import io.github.dynamodbstream.core.checkpoint.ShardCheckpoint;
import io.github.dynamodbstream.core.checkpoint.ShardStateRepository;
import io.github.dynamodbstream.core.dynamodb.DynamoDbShardStateRepository;
import io.github.dynamodbstream.core.failure.RetryBackoff;
import io.github.dynamodbstream.core.support.StreamTables;
import io.github.dynamodbstream.emulator.DynamoDbEmulator;
import io.github.dynamodbstream.emulator.DynamoDbEmulatorExtension;
import io.github.dynamodbstream.emulator.Fault;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Bad input of every kind: each gives an error that says what is wrong and how to fix it, never hangs, and loses
 * nothing already acknowledged.
 */
@Timeout(60)
class BadInputTest {

    @RegisterExtension
    static final DynamoDbEmulatorExtension EMULATOR =
            DynamoDbEmulatorExtension.of(DynamoDbEmulator.builder().shardsPerStream(1));

    private static final AtomicInteger TABLES = new AtomicInteger();

    private final DeliveryLog listener = new DeliveryLog();
    private final AtomicInteger malformedSeen = new AtomicInteger();
    private DynamoDbClient dynamoDb;
    private DynamoDbStreamsClient streams;
    private String table;

    @BeforeEach
    void clients() {
        dynamoDb = EMULATOR.dynamoDbClient();
        streams = StreamTables.streamsWithoutRetries(EMULATOR.emulator());
        table = "bad-input-" + TABLES.incrementAndGet();
    }

    @AfterEach
    void closeClients() {
        EMULATOR.emulator().clearFaults();
        streams.close();
    }

    private DynamoDbStreamPoller.Builder poller(String streamArn) {
        return DynamoDbStreamPoller.builder()
                .streamsClient(streams)
                .streamArn(streamArn)
                .startingPosition(StartingPosition.TRIM_HORIZON)
                .discoveryInterval(Duration.ZERO)
                .apiRetryBackoff(RetryBackoff.of(3, Duration.ofMillis(1), Duration.ofMillis(10)))
                .listenerRetryBackoff(RetryBackoff.of(2, Duration.ofMillis(1), Duration.ofMillis(10)))
                .observer(new PollerObserver() {
                    @Override
                    public void malformedRecord(String shardId, String sequenceNumber) {
                        malformedSeen.incrementAndGet();
                    }
                })
                .listener(listener);
    }

    private String streamWithItems(int... versionsOfA) {
        String streamArn = StreamTables.create(dynamoDb, table);
        for (int version : versionsOfA) {
            StreamTables.put(dynamoDb, table, "a", version);
        }
        return streamArn;
    }

    @Test
    void malformedArnIsRefusedWhenThePollerIsBuiltSayingWhatIsWrong() {
        EMULATOR.emulator().calls().reset();
        assertThatThrownBy(() -> poller("arn:aws:dynamodb:us-east-1:000000000000:table/orders").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("table ARN, not a stream ARN")
                .hasMessageContaining("LatestStreamArn");
        assertThatThrownBy(() -> poller("orders").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'orders'");
        assertThat(EMULATOR.emulator().calls().count("DescribeStream")).isZero();
    }

    @Test
    void streamArnOfAnotherRegionThanTheClientIsRefusedNamingBothRegions() {
        String streamArn = streamWithItems(1).replace(":us-east-1:", ":eu-west-1:");

        assertThatThrownBy(() -> poller(streamArn).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("eu-west-1")
                .hasMessageContaining("us-east-1")
                .hasMessageContaining("region");
    }

    @Test
    void tableWithoutAStreamIsAClearErrorOnTheFirstRound() {
        dynamoDb.createTable(request -> request.tableName(table)
                .keySchema(key -> key.attributeName("id").keyType(KeyType.HASH))
                .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S))
                .billingMode(BillingMode.PAY_PER_REQUEST));
        assertThat(dynamoDb.describeTable(r -> r.tableName(table)).table().latestStreamArn()).isNull();
        String guessed = "arn:aws:dynamodb:us-east-1:000000000000:table/" + table + "/stream/2024-01-01T00:00:00.000";

        try (DynamoDbStreamPoller poller = poller(guessed).build()) {
            assertThatThrownBy(poller::fetchStreamState)
                    .isInstanceOf(StreamUnavailableException.class)
                    .hasMessageContaining(guessed)
                    .hasMessageContaining("LatestStreamArn")
                    .hasMessageContaining("enabled");
        }
    }

    @Test
    void streamDisabledWhileRunningIsReportedAndWhatItHoldsIsStillDelivered() {
        String streamArn = streamWithItems(1);
        try (DynamoDbStreamPoller poller = poller(streamArn).build()) {
            poller.fetchStreamState();
            StreamTables.put(dynamoDb, table, "a", 2);
            StreamTables.put(dynamoDb, table, "b", 1);
            dynamoDb.updateTable(r -> r.tableName(table).streamSpecification(s -> s.streamEnabled(false)));
            StreamTables.put(dynamoDb, table, "a", 3);
            EMULATOR.emulator().advanceClock(Duration.ofSeconds(1));

            PollResult disabled = poller.fetchStreamState();
            PollResult after = poller.fetchStreamState();

            assertThat(disabled.streamProblemMessage()).hasValueSatisfying(problem -> assertThat(problem)
                    .contains(streamArn).contains("DISABLED").contains("enable its stream"));
            assertThat(disabled.failedShards()).isEmpty();
            assertThat(after.failedShards()).isEmpty();
            assertThat(listener.versionsById()).containsExactly(
                    Map.entry("a", List.of(1, 2)), Map.entry("b", List.of(1)));
        }
    }

    @Test
    void tableDeletedWhileRunningDeliversWhatTheStreamHeldThenSaysTheStreamIsGone() {
        String streamArn = streamWithItems(1);
        try (DynamoDbStreamPoller poller = poller(streamArn).build()) {
            poller.fetchStreamState();
            StreamTables.put(dynamoDb, table, "a", 2);
            dynamoDb.deleteTable(r -> r.tableName(table));
            EMULATOR.emulator().advanceClock(Duration.ofSeconds(1));

            PollResult deleted = poller.fetchStreamState();
            EMULATOR.emulator().advanceClock(Duration.ofHours(25));
            Throwable gone = catchThrowable(poller::fetchStreamState);

            assertThat(deleted.streamProblemMessage()).hasValueSatisfying(problem ->
                    assertThat(problem).contains("DISABLED").contains("table was deleted"));
            assertThat(listener.versionsById()).containsExactly(Map.entry("a", List.of(1, 2)));
            assertThat(listener.duplicates()).isZero();
            assertThat(gone).isInstanceOf(StreamUnavailableException.class)
                    .hasMessageContaining(streamArn).hasMessageContaining("LatestStreamArn");
        }
    }

    @Test
    void garbageAndTruncatedAnswersAreRetriedWithoutLossOrRepeat() {
        String streamArn = streamWithItems(1, 2, 3);
        EMULATOR.emulator().injectFault("DescribeStream", Fault.notJson(), 1);
        EMULATOR.emulator().injectFault("GetShardIterator", Fault.truncatedJson(), 1);
        EMULATOR.emulator().injectFault("GetRecords", Fault.notJson(), 1);
        EMULATOR.emulator().injectFault("GetRecords", Fault.truncatedJson(), 1);
        try (DynamoDbStreamPoller poller = poller(streamArn).build()) {
            PollResult result = poller.fetchStreamState();

            assertThat(result.failedShards()).isEmpty();
            assertThat(listener.versionsById()).containsExactly(Map.entry("a", List.of(1, 2, 3)));
            assertThat(EMULATOR.emulator().calls().count("GetRecords", "NotJson")).isEqualTo(1);
            assertThat(EMULATOR.emulator().calls().count("GetRecords", "TruncatedJson")).isEqualTo(1);
        }
    }

    @Test
    void endpointThatKeepsAnsweringGarbageFailsTheShardWithAClearReasonAndLosesNothing() {
        String streamArn = streamWithItems(1);
        try (DynamoDbStreamPoller poller = poller(streamArn).build()) {
            poller.fetchStreamState();
            StreamTables.put(dynamoDb, table, "a", 2);
            EMULATOR.emulator().injectFault("GetRecords", Fault.notJson(), 3);

            PollResult failed = poller.fetchStreamState();
            PollResult next = poller.fetchStreamState();

            assertThat(failed.failedShards()).singleElement().satisfies(failure -> assertThat(failure.reason())
                    .contains("not valid JSON").contains("endpoint"));
            assertThat(next.failedShards()).isEmpty();
            assertThat(listener.versionsById()).containsExactly(Map.entry("a", List.of(1, 2)));
        }
    }

    @Test
    void endpointThatAnswersGarbageToTheListingFailsTheRoundWithAClearMessage() {
        String streamArn = streamWithItems(1);
        EMULATOR.emulator().injectFault("DescribeStream", Fault.notJson(), 3);
        try (DynamoDbStreamPoller poller = poller(streamArn).build()) {
            assertThatThrownBy(poller::fetchStreamState)
                    .isInstanceOf(DynamoDbStreamException.class)
                    .hasMessageContaining(streamArn)
                    .hasMessageContaining("not valid JSON");

            poller.fetchStreamState();

            assertThat(listener.versionsById()).containsExactly(Map.entry("a", List.of(1)));
        }
    }

    @Test
    void unknownEventNameIsReportedToTheListenerAndTheLogAndTheRestOfTheBatchIsDelivered() {
        String streamArn = StreamTables.create(dynamoDb, table);
        StreamTables.put(dynamoDb, table, "a", 1);
        StreamTables.put(dynamoDb, table, "b", 1);
        StreamTables.put(dynamoDb, table, "c", 1);
        EMULATOR.emulator().injectFault("GetRecords", Fault.unknownEventName(), 1);
        String log;
        PollResult result;
        try (DynamoDbStreamPoller poller = poller(streamArn).build()) {
            PrintStream original = System.err;
            ByteArrayOutputStream captured = new ByteArrayOutputStream();
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            try {
                result = poller.fetchStreamState();
            } finally {
                System.setErr(original);
            }
            log = captured.toString(StandardCharsets.UTF_8);

            assertThat(result.malformedRecords()).isEqualTo(1);
            assertThat(listener.malformed).singleElement().satisfies(malformed -> {
                assertThat(malformed.problem()).hasMessageContaining(Fault.UNKNOWN_EVENT_NAME)
                        .hasMessageContaining(malformed.shardId());
                assertThat(malformed.record().dynamodb().keys().get("id").s()).isEqualTo("a");
            });
            assertThat(log).contains("WARN").contains(Fault.UNKNOWN_EVENT_NAME);
            assertThat(listener.versionsById()).containsOnlyKeys("b", "c");
            String lastDelivered = listener.deliveries.get(1).sequenceNumber();
            assertThat(poller.shardState().values()).extracting(ShardCheckpoint::sequenceNumber)
                    .containsExactly(lastDelivered);
        }
    }

    @Test
    void recordWithoutImagesIsReportedInsteadOfDeliveredAsAnEmptyItem() {
        String streamArn = streamWithItems(1, 2);
        EMULATOR.emulator().injectFault("GetRecords", Fault.recordWithoutImages(), 1);
        try (DynamoDbStreamPoller poller = poller(streamArn).build()) {
            PollResult result = poller.fetchStreamState();

            assertThat(result.failedShards()).isEmpty();
            assertThat(result.malformedRecords()).isEqualTo(1);
            assertThat(malformedSeen).hasValue(1);
            assertThat(listener.malformed).singleElement().satisfies(malformed ->
                    assertThat(malformed.problem()).hasMessageContaining("NewImage")
                            .hasMessageContaining("NEW_AND_OLD_IMAGES"));
            assertThat(listener.versionsById()).containsExactly(Map.entry("a", List.of(2)));
        }
    }

    @Test
    void recordWithoutItsDynamoDbPartAtTheEndOfAPageIsSkippedWithoutFailingTheShard() {
        String streamArn = streamWithItems(1);
        try (DynamoDbStreamPoller poller = poller(streamArn).build()) {
            poller.fetchStreamState();
            String acknowledged = listener.deliveries.get(0).sequenceNumber();
            StreamTables.put(dynamoDb, table, "a", 2);
            EMULATOR.emulator().injectFault("GetRecords", Fault.recordWithoutDynamoDbPart(), 1);

            PollResult damaged = poller.fetchStreamState();
            StreamTables.put(dynamoDb, table, "a", 3);
            PollResult next = poller.fetchStreamState();

            assertThat(damaged.failedShards()).isEmpty();
            assertThat(damaged.malformedRecords()).isEqualTo(1);
            assertThat(listener.malformed).singleElement().satisfies(malformed ->
                    assertThat(malformed.problem()).hasMessageContaining("no 'dynamodb' part"));
            assertThat(next.failedShards()).isEmpty();
            assertThat(listener.versionsById()).containsExactly(Map.entry("a", List.of(1, 3)));
            assertThat(poller.shardState().values()).extracting(ShardCheckpoint::sequenceNumber)
                    .doesNotContain(acknowledged);
        }
    }

    @Test
    void throttledCheckpointTablePausesTheShardAndResumesWithoutSkipping() {
        try (DynamoDbClient storeClient = StreamTables.dynamoDbWithoutRetries(EMULATOR.emulator())) {
            DynamoDbShardStateRepository store = DynamoDbShardStateRepository.builder()
                    .dynamoDbClient(storeClient).tableName(table + "-checkpoints").createTableIfMissing(true).build();
            String streamArn = streamWithItems(1, 2);
            try (DynamoDbStreamPoller poller = poller(streamArn).shardStateRepository(store).build()) {
                EMULATOR.emulator().injectFault("PutItem", Fault.throttling(), 1);

                PollResult throttled = poller.fetchStreamState();
                Map<String, ShardCheckpoint> storedWhileThrottled = store.load("default", streamArn);
                PollResult resumed = poller.fetchStreamState();
                StreamTables.put(dynamoDb, table, "a", 3);
                poller.fetchStreamState();

                assertThat(throttled.failedShards()).singleElement().satisfies(failure -> assertThat(failure.reason())
                        .contains("PutItem").contains(table + "-checkpoints"));
                assertThat(storedWhileThrottled).isEmpty();
                assertThat(resumed.failedShards()).isEmpty();
                assertThat(listener.distinctVersionsById()).containsExactly(Map.entry("a", List.of(1, 2, 3)));
                assertThat(listener.duplicates()).isEqualTo(2);
                assertThat(store.load("default", streamArn).values()).extracting(ShardCheckpoint::sequenceNumber)
                        .containsExactly(listener.deliveries.get(listener.deliveries.size() - 1).sequenceNumber());
            }
        }
    }

    @Test
    void checkpointStoreThatIsDownHoldsTheShardBackUntilItIsUpAndSkipsNothing() {
        FlakyRepository store = new FlakyRepository(new InMemoryShardStateRepository());
        String streamArn = streamWithItems(1);
        try (DynamoDbStreamPoller poller = poller(streamArn).shardStateRepository(store).build()) {
            store.down.set(true);
            PollResult down = poller.fetchStreamState();
            StreamTables.put(dynamoDb, table, "a", 2);
            PollResult stillDown = poller.fetchStreamState();
            store.down.set(false);
            PollResult up = poller.fetchStreamState();
            PollResult idle = poller.fetchStreamState();

            assertThat(List.of(down, stillDown)).allSatisfy(result -> assertThat(result.failedShards())
                    .singleElement().satisfies(failure -> assertThat(failure.reason()).contains("store is down")));
            assertThat(up.failedShards()).isEmpty();
            assertThat(idle.recordsDelivered()).isZero();
            assertThat(listener.distinctVersionsById()).containsExactly(Map.entry("a", List.of(1, 2)));
            assertThat(store.load("default", streamArn).values()).extracting(ShardCheckpoint::sequenceNumber)
                    .containsExactly(listener.deliveries.get(listener.deliveries.size() - 1).sequenceNumber());
        }
    }

    @Test
    void checkpointRowOfANewerVersionIsRefusedWithAMessageAndNotMisread() {
        DynamoDbShardStateRepository store = DynamoDbShardStateRepository.builder()
                .dynamoDbClient(dynamoDb).tableName(table + "-checkpoints").createTableIfMissing(true).build();
        String streamArn = streamWithItems(1);
        Map<String, AttributeValue> row = checkpointRow(streamArn, "99999999999999999999");
        row.put("schemaVersion", AttributeValue.fromN("2"));
        dynamoDb.putItem(r -> r.tableName(table + "-checkpoints").item(row));

        try (DynamoDbStreamPoller poller = poller(streamArn).shardStateRepository(store).build()) {
            assertThatThrownBy(poller::fetchStreamState)
                    .isInstanceOf(DynamoDbStreamException.class)
                    .hasMessageContaining("schema version 2")
                    .hasMessageContaining("Upgrade");
        }
        assertThat(listener.deliveries).isEmpty();
        assertThat(storedRow(streamArn)).isEqualTo(row);
    }

    @Test
    void corruptCheckpointRowIsRefusedWithAMessageAndNotMisread() {
        DynamoDbShardStateRepository store = DynamoDbShardStateRepository.builder()
                .dynamoDbClient(dynamoDb).tableName(table + "-checkpoints").createTableIfMissing(true).build();
        String streamArn = streamWithItems(1);
        Map<String, AttributeValue> row = checkpointRow(streamArn, "12x");
        dynamoDb.putItem(r -> r.tableName(table + "-checkpoints").item(row));

        try (DynamoDbStreamPoller poller = poller(streamArn).shardStateRepository(store).build()) {
            assertThatThrownBy(poller::fetchStreamState)
                    .isInstanceOf(DynamoDbStreamException.class)
                    .hasMessageContaining("12x")
                    .hasMessageContaining("Delete the item, or fix it");
        }
        assertThat(listener.deliveries).isEmpty();
        assertThat(storedRow(streamArn)).isEqualTo(row);
    }

    private Map<String, AttributeValue> checkpointRow(String streamArn, String sequenceNumber) {
        String shardId = streams.describeStream(r -> r.streamArn(streamArn)).streamDescription().shards().get(0)
                .shardId();
        Map<String, AttributeValue> row = new HashMap<>();
        row.put("consumerStream", AttributeValue.fromS("default|" + streamArn));
        row.put("shardId", AttributeValue.fromS(shardId));
        row.put("consumerName", AttributeValue.fromS("default"));
        row.put("streamArn", AttributeValue.fromS(streamArn));
        row.put("sequenceNumber", AttributeValue.fromS(sequenceNumber));
        row.put("position", AttributeValue.fromS("020" + sequenceNumber));
        row.put("finished", AttributeValue.fromBool(false));
        row.put("updatedAt", AttributeValue.fromS("2024-01-01T00:00:00Z"));
        row.put("owner", AttributeValue.fromS("another-run"));
        row.put("schemaVersion", AttributeValue.fromN("1"));
        return row;
    }

    private Map<String, AttributeValue> storedRow(String streamArn) {
        return dynamoDb.scan(r -> r.tableName(table + "-checkpoints")).items().stream()
                .filter(item -> item.get("streamArn").s().equals(streamArn))
                .findFirst().orElseThrow();
    }

    /** A repository that fails every save while it is down. */
    private static final class FlakyRepository implements ShardStateRepository {

        final AtomicBoolean down = new AtomicBoolean();
        private final ShardStateRepository delegate;

        FlakyRepository(ShardStateRepository delegate) {
            this.delegate = delegate;
        }

        @Override
        public Map<String, ShardCheckpoint> load(String consumerName, String streamArn) {
            return delegate.load(consumerName, streamArn);
        }

        @Override
        public Map<String, ShardCheckpoint> takeOver(String consumerName, String streamArn) {
            return delegate.takeOver(consumerName, streamArn);
        }

        @Override
        public void save(String consumerName, String streamArn, ShardCheckpoint checkpoint) {
            if (down.get()) {
                throw new IllegalStateException("the checkpoint store is down");
            }
            delegate.save(consumerName, streamArn, checkpoint);
        }

        @Override
        public void remove(String consumerName, String streamArn, String shardId) {
            delegate.remove(consumerName, streamArn, shardId);
        }
    }
}
