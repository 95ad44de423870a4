package io.github.dynamodbstream.core.poller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dynamodbstream.core.DataLoss;
import io.github.dynamodbstream.core.DynamoDbStreamException;
import io.github.dynamodbstream.core.DynamoDbStreamPoller;
import io.github.dynamodbstream.core.PollResult;
import io.github.dynamodbstream.core.PollerObserver;
import io.github.dynamodbstream.core.RemovedShard;
import io.github.dynamodbstream.core.StartingPosition;
import io.github.dynamodbstream.core.StreamUnavailableException;
import io.github.dynamodbstream.core.checkpoint.InMemoryShardStateRepository;
import io.github.dynamodbstream.core.checkpoint.ShardStateRepository;
import io.github.dynamodbstream.core.failure.RetryBackoff;
import io.github.dynamodbstream.core.record.ChangeType;
import io.github.dynamodbstream.core.support.StreamTables;
import io.github.dynamodbstream.emulator.DynamoDbEmulator;
import io.github.dynamodbstream.emulator.DynamoDbEmulatorExtension;
import io.github.dynamodbstream.emulator.Fault;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** Throttling, 5xx, expired iterators, trimmed data, vanished shards and streams. */
class PollerFaultTest {

    @RegisterExtension
    static final DynamoDbEmulatorExtension EMULATOR =
            DynamoDbEmulatorExtension.of(DynamoDbEmulator.builder().shardsPerStream(1));

    private static DynamoDbStreamsClient streamsClient;

    private final RecordingListener listener = new RecordingListener();
    private final AtomicInteger throttles = new AtomicInteger();
    private final AtomicInteger failedListings = new AtomicInteger();
    private final PollerObserver observer = new PollerObserver() {
        @Override
        public void throttled(String operation) {
            throttles.incrementAndGet();
        }

        @Override
        public void shardListingFailed(Throwable failure) {
            failedListings.incrementAndGet();
        }
    };

    @BeforeAll
    static void createClient() {
        streamsClient = StreamTables.streamsWithoutRetries(EMULATOR);
    }

    @AfterAll
    static void closeClient() {
        streamsClient.close();
    }

    private DynamoDbStreamPoller.Builder poller(String streamArn) {
        return DynamoDbStreamPoller.builder()
                .streamsClient(streamsClient)
                .streamArn(streamArn)
                .startingPosition(StartingPosition.TRIM_HORIZON)
                .apiRetryBackoff(RetryBackoff.of(4, Duration.ofMillis(1), Duration.ofMillis(20)))
                .observer(observer)
                .listener(listener);
    }

    @Test
    void throttledCallsAreRetriedWithBackoffAndCounted() {
        DynamoDbClient dynamoDb = EMULATOR.dynamoDbClient();
        String streamArn = StreamTables.create(dynamoDb, "fault-throttle");
        StreamTables.put(dynamoDb, "fault-throttle", "a", 1);
        EMULATOR.emulator().calls().reset();
        EMULATOR.emulator().injectFault("GetRecords", Fault.throttling(), 3);
        try (DynamoDbStreamPoller poller = poller(streamArn).build()) {
            PollResult result = poller.fetchStreamState();

            assertThat(result.failedShards()).isEmpty();
            assertThat(listener.versionsById()).containsExactly(Map.entry("a", List.of(1)));
            assertThat(EMULATOR.emulator().calls().count("GetRecords", "LimitExceededException")).isEqualTo(3);
            assertThat(throttles).hasValue(3);
        }
    }

    @Test
    void roundThatCannotFinishReportsTheFailedShardAndWhyAndTheNextRoundGoesOn() {
        DynamoDbClient dynamoDb = EMULATOR.dynamoDbClient();
        String streamArn = StreamTables.create(dynamoDb, "fault-5xx");
        StreamTables.put(dynamoDb, "fault-5xx", "a", 1);
        try (DynamoDbStreamPoller poller = poller(streamArn).build()) {
            poller.fetchStreamState();
            StreamTables.put(dynamoDb, "fault-5xx", "a", 2);
            EMULATOR.emulator().injectFault("GetRecords", Fault.internalError(), 4);

            PrintStream original = System.err;
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
            PollResult failed;
            try {
                failed = poller.fetchStreamState();
            } finally {
                System.setErr(original);
            }
            PollResult next = poller.fetchStreamState();

            assertThat(failed.failedShards()).singleElement().satisfies(failure -> {
                assertThat(failure.reason()).contains("InternalServerError");
                assertThat(failure.cause()).isNotNull();
            });
            assertThat(failed.caughtUp()).isFalse();
            assertThat(log.toString(StandardCharsets.UTF_8)).contains("WARN")
                    .contains("Shard " + failed.failedShards().get(0).shardId() + " of stream " + streamArn
                            + " is not read further this round");
            assertThat(next.failedShards()).isEmpty();
            assertThat(listener.versionsById()).containsExactly(Map.entry("a", List.of(1, 2)));
        }
    }

    @Test
    void failedListingAfterTheFirstIsCountedAndTheRoundReadsTheShardsAlreadyKnown() {
        DynamoDbClient dynamoDb = EMULATOR.dynamoDbClient();
        String streamArn = StreamTables.create(dynamoDb, "fault-listing");
        try (DynamoDbStreamPoller poller = poller(streamArn).discoveryInterval(Duration.ZERO).build()) {
            poller.fetchStreamState();
            StreamTables.put(dynamoDb, "fault-listing", "a", 1);
            EMULATOR.emulator().calls().reset();
            EMULATOR.emulator().injectFault("DescribeStream", Fault.throttling(), 4);

            PollResult result = poller.fetchStreamState();

            assertThat(EMULATOR.emulator().calls().count("DescribeStream", "LimitExceededException")).isEqualTo(4);
            assertThat(failedListings).hasValue(1);
            assertThat(result.failedShards()).isEmpty();
            assertThat(listener.versionsById()).containsExactly(Map.entry("a", List.of(1)));
        }
    }

    @Test
    void failedFirstListingFailsTheRoundSayingNothingWasRead() {
        String streamArn = StreamTables.create(EMULATOR.dynamoDbClient(), "fault-first-listing");
        try (DynamoDbStreamPoller poller = poller(streamArn).build()) {
            EMULATOR.emulator().injectFault("DescribeStream", Fault.throttling(), 4);

            assertThatThrownBy(poller::fetchStreamState)
                    .isInstanceOf(DynamoDbStreamException.class)
                    .hasMessageContaining(streamArn)
                    .hasMessageContaining("nothing was read");
            assertThat(poller.fetchStreamState().failedShards()).isEmpty();
        }
    }

    @Test
    void observerThatThrowsAfterTheListenerAcceptedABatchNeitherFailsTheShardNorHasTheBatchDeliveredAgain() {
        DynamoDbClient dynamoDb = EMULATOR.dynamoDbClient();
        String streamArn = StreamTables.create(dynamoDb, "fault-observer");
        StreamTables.put(dynamoDb, "fault-observer", "a", 1);
        AtomicInteger observerCalls = new AtomicInteger();
        PollerObserver throwing = new PollerObserver() {
            @Override
            public void recordsDelivered(String shardId, ChangeType type, int count) {
                observerCalls.incrementAndGet();
                throw new IllegalStateException("the metrics registry is closed");
            }

            @Override
            public void lag(String shardId, Duration lag) {
                observerCalls.incrementAndGet();
                throw new IllegalStateException("the metrics registry is closed");
            }
        };
        try (DynamoDbStreamPoller poller = poller(streamArn).observer(throwing).build()) {
            PollResult first = poller.fetchStreamState();
            PollResult second = poller.fetchStreamState();
            poller.fetchStreamState();

            assertThat(observerCalls).hasValue(2);
            assertThat(first.failedShards()).isEmpty();
            assertThat(first.recordsDelivered()).isEqualTo(1);
            assertThat(second.recordsDelivered()).isZero();
            assertThat(listener.versionsById()).containsExactly(Map.entry("a", List.of(1)));
            assertThat(poller.shardState().values()).extracting(checkpoint -> checkpoint.sequenceNumber())
                    .containsExactly(listener.records.get(0).sequenceNumber());
        }
    }

    @Test
    void compositeObserverCallsEveryObserverEvenAfterOneThrows() {
        DynamoDbClient dynamoDb = EMULATOR.dynamoDbClient();
        String streamArn = StreamTables.create(dynamoDb, "fault-composite");
        StreamTables.put(dynamoDb, "fault-composite", "a", 1);
        PollerObserver throwing = new PollerObserver() {
            @Override
            public void recordsDelivered(String shardId, ChangeType type, int count) {
                throw new IllegalStateException("the metrics registry is closed");
            }
        };
        AtomicInteger delivered = new AtomicInteger();
        PollerObserver counting = new PollerObserver() {
            @Override
            public void recordsDelivered(String shardId, ChangeType type, int count) {
                delivered.addAndGet(count);
            }
        };
        PollerObserver composite = PollerObserver.composite(List.of(throwing, counting));
        try (DynamoDbStreamPoller poller = poller(streamArn).observer(composite).build()) {
            PollResult result = poller.fetchStreamState();

            assertThat(result.failedShards()).isEmpty();
            assertThat(delivered).hasValue(1);
        }
        assertThat(PollerObserver.composite(List.of())).isSameAs(PollerObserver.NONE);
    }

    @Test
    void idleShardCostsOneGetRecordsPerRound() {
        String streamArn = StreamTables.create(EMULATOR.dynamoDbClient(), "fault-idle");
        try (DynamoDbStreamPoller poller = poller(streamArn).build()) {
            poller.fetchStreamState();
            EMULATOR.emulator().calls().reset();
            for (int round = 0; round < 5; round++) {
                poller.fetchStreamState();
            }

            assertThat(EMULATOR.emulator().calls().count("GetRecords")).isEqualTo(5);
            assertThat(EMULATOR.emulator().calls().count("GetShardIterator")).isZero();
        }
    }

    @Test
    void expiredIteratorIsReplacedAfterTheLastAcknowledgedRecordWithoutGapOrRepeat() {
        DynamoDbClient dynamoDb = EMULATOR.dynamoDbClient();
        String streamArn = StreamTables.create(dynamoDb, "fault-expired");
        try (DynamoDbStreamPoller poller = poller(streamArn).build()) {
            StreamTables.put(dynamoDb, "fault-expired", "a", 1);
            StreamTables.put(dynamoDb, "fault-expired", "a", 2);
            poller.fetchStreamState();
            EMULATOR.emulator().expireIterators();
            StreamTables.put(dynamoDb, "fault-expired", "a", 3);

            PollResult result = poller.fetchStreamState();

            assertThat(result.failedShards()).isEmpty();
            assertThat(listener.versionsById()).containsExactly(Map.entry("a", List.of(1, 2, 3)));
        }
    }

    @Test
    void latestIteratorThatExpiredBeforeAnyRecordIsReplacedFromTheOldestRecordSoNothingWrittenMeanwhileIsLost() {
        DynamoDbClient dynamoDb = EMULATOR.dynamoDbClient();
        String streamArn = StreamTables.create(dynamoDb, "fault-expired-latest");
        StreamTables.put(dynamoDb, "fault-expired-latest", "before", 1);
        try (DynamoDbStreamPoller poller = poller(streamArn).startingPosition(StartingPosition.LATEST).build()) {
            poller.fetchStreamState();
            StreamTables.put(dynamoDb, "fault-expired-latest", "a", 1);
            EMULATOR.emulator().expireIterators();

            PollResult result = poller.fetchStreamState();

            assertThat(result.failedShards()).isEmpty();
            assertThat(listener.versionsById()).containsEntry("a", List.of(1));
        }
    }

    @Test
    void trimmedRecordsAreReportedAsDataLossAndReadingGoesOnFromTheOldestRecord() {
        DynamoDbClient dynamoDb = EMULATOR.dynamoDbClient();
        String streamArn = StreamTables.create(dynamoDb, "fault-trimmed");
        try (DynamoDbStreamPoller poller = poller(streamArn).build()) {
            StreamTables.put(dynamoDb, "fault-trimmed", "a", 1);
            poller.fetchStreamState();
            String acknowledged = listener.records.get(0).sequenceNumber();
            StreamTables.put(dynamoDb, "fault-trimmed", "a", 2);
            EMULATOR.emulator().advanceClock(Duration.ofHours(25));
            StreamTables.put(dynamoDb, "fault-trimmed", "a", 3);

            PollResult result = poller.fetchStreamState();

            DataLoss expected = new DataLoss(listener.records.get(0).shardId(), acknowledged, DataLoss.Reason.TRIMMED);
            assertThat(result.dataLosses()).containsExactly(expected);
            assertThat(listener.dataLosses).containsExactly(expected);
            assertThat(listener.versionsById()).containsExactly(Map.entry("a", List.of(1, 3)));
        }
    }

    @Test
    void shardThatLeftTheStreamBeforeItWasReadToItsEndIsReportedGoneAndItsChildrenAreRead() {
        DynamoDbClient dynamoDb = EMULATOR.dynamoDbClient();
        String streamArn = StreamTables.create(dynamoDb, "fault-gone");
        try (DynamoDbStreamPoller poller = poller(streamArn).discoveryInterval(Duration.ofDays(1)).build()) {
            poller.fetchStreamState();
            StreamTables.put(dynamoDb, "fault-gone", "a", 1);
            EMULATOR.emulator().rotateShards("fault-gone");
            EMULATOR.emulator().advanceClock(Duration.ofHours(25));
            StreamTables.put(dynamoDb, "fault-gone", "a", 2);

            PollResult result = poller.fetchStreamState();
            PollResult next = poller.fetchStreamState();

            assertThat(result.caughtUp()).isFalse();
            assertThat(next.newShards()).hasSize(1);
            assertThat(listener.removedShards).singleElement()
                    .extracting(RemovedShard::reason).isEqualTo(RemovedShard.Reason.GONE);
            assertThat(result.dataLosses()).singleElement()
                    .extracting(DataLoss::reason).isEqualTo(DataLoss.Reason.SHARD_GONE);
            assertThat(listener.versionsById()).containsExactly(Map.entry("a", List.of(2)));
        }
    }

    @Test
    void shardThatAgedOutWhileTheConsumerWasDownBeforeItWasReadToItsEndIsReportedGoneAndItsCheckpointForgotten() {
        DynamoDbClient dynamoDb = EMULATOR.dynamoDbClient();
        String streamArn = StreamTables.create(dynamoDb, "fault-gone-while-down");
        for (int version = 1; version <= 5; version++) {
            StreamTables.put(dynamoDb, "fault-gone-while-down", "a", version);
        }
        ShardStateRepository repository = new InMemoryShardStateRepository();
        try (DynamoDbStreamPoller first = poller(streamArn).shardStateRepository(repository)
                .maxRecordsPerCall(1).maxCallsPerShardPerRound(2).build()) {
            first.fetchStreamState();
        }
        String acknowledged = listener.records.get(1).sequenceNumber();
        String shardId = listener.records.get(1).shardId();
        EMULATOR.emulator().rotateShards("fault-gone-while-down");
        EMULATOR.emulator().advanceClock(Duration.ofHours(25));
        StreamTables.put(dynamoDb, "fault-gone-while-down", "a", 6);

        try (DynamoDbStreamPoller restarted = poller(streamArn).shardStateRepository(repository).build()) {
            PollResult result = restarted.fetchStreamState();

            DataLoss expected = new DataLoss(shardId, acknowledged, DataLoss.Reason.SHARD_GONE);
            assertThat(result.dataLosses()).containsExactly(expected);
            assertThat(listener.dataLosses).containsExactly(expected);
            assertThat(listener.removedShards).containsExactly(new RemovedShard(shardId, RemovedShard.Reason.GONE));
            assertThat(repository.load("default", streamArn)).doesNotContainKey(shardId);
            assertThat(listener.versionsById()).containsExactly(Map.entry("a", List.of(1, 2, 6)));
        }
    }

    @Test
    void deletedTableMakesTheRoundReportTheStreamDisabledByName() {
        DynamoDbClient dynamoDb = EMULATOR.dynamoDbClient();
        String streamArn = StreamTables.create(dynamoDb, "fault-deleted");
        try (DynamoDbStreamPoller poller = poller(streamArn).discoveryInterval(Duration.ZERO).build()) {
            StreamTables.put(dynamoDb, "fault-deleted", "a", 1);
            assertThat(poller.fetchStreamState().streamProblemMessage()).isEmpty();
            dynamoDb.deleteTable(request -> request.tableName("fault-deleted"));
            EMULATOR.emulator().advanceClock(Duration.ofSeconds(1));

            PollResult result = poller.fetchStreamState();

            assertThat(result.streamProblemMessage()).hasValueSatisfying(problem ->
                    assertThat(problem).contains(streamArn).contains("DISABLED"));
            assertThat(result.hasProblems()).isTrue();
            assertThat(listener.versionsById()).containsExactly(Map.entry("a", List.of(1)));
        }
    }

    @Test
    void streamThatDoesNotExistFailsTheRoundWithAnExceptionNamingIt() {
        String streamArn = "arn:aws:dynamodb:us-east-1:000000000000:table/missing/stream/2024-01-01T00:00:00.000";
        try (DynamoDbStreamPoller poller = poller(streamArn).build()) {
            assertThatThrownBy(poller::fetchStreamState)
                    .isInstanceOf(StreamUnavailableException.class)
                    .hasMessageContaining(streamArn)
                    .hasMessageContaining("LatestStreamArn");
        }
    }
}
