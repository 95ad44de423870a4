package io.github.dynamodbstream.core.poller;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dynamodbstream.core.DynamoDbStreamPoller;
import io.github.dynamodbstream.core.PollResult;
import io.github.dynamodbstream.core.StartingPosition;
import io.github.dynamodbstream.core.failure.ListenerFailureMode;
import io.github.dynamodbstream.core.failure.RetryBackoff;
import io.github.dynamodbstream.core.record.ChangeRecord;
import io.github.dynamodbstream.core.support.StreamTables;
import io.github.dynamodbstream.emulator.DynamoDbEmulator;
import io.github.dynamodbstream.emulator.DynamoDbEmulatorExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** A listener that throws: retried, then skipped or kept; other shards go on either way. */
class PollerListenerFailureTest {

    @RegisterExtension
    static final DynamoDbEmulatorExtension EMULATOR =
            DynamoDbEmulatorExtension.of(DynamoDbEmulator.builder().shardsPerStream(4));

    /** Fails on item "poison" while {@code broken}; counts its attempts. */
    private static final class PoisonedListener extends RecordingListener {

        volatile boolean broken = true;
        final AtomicInteger attempts = new AtomicInteger();

        @Override
        public void onInsert(ChangeRecord record) {
            if (record.keys().get("id").s().equals("poison")) {
                attempts.incrementAndGet();
                if (broken) {
                    throw new IllegalStateException("cannot handle the poison item");
                }
            }
            super.onInsert(record);
        }
    }

    private final PoisonedListener listener = new PoisonedListener();

    private DynamoDbStreamPoller.Builder poller(String streamArn) {
        return DynamoDbStreamPoller.builder()
                .streamsClient(EMULATOR.streamsClient())
                .streamArn(streamArn)
                .startingPosition(StartingPosition.TRIM_HORIZON)
                .maxRecordsPerCall(1)
                .maxCallsPerShardPerRound(100)
                .listenerRetryBackoff(RetryBackoff.of(3, Duration.ofMillis(1), Duration.ofMillis(5)))
                .listener(listener);
    }

    private static String writeItemsAroundPoison(String table) {
        DynamoDbClient dynamoDb = EMULATOR.dynamoDbClient();
        String streamArn = StreamTables.create(dynamoDb, table);
        for (int item = 0; item < 20; item++) {
            StreamTables.put(dynamoDb, table, "item-" + item, 1);
        }
        StreamTables.put(dynamoDb, table, "poison", 1);
        StreamTables.put(dynamoDb, table, "poison", 2);
        return streamArn;
    }

    @Test
    void skipHandsTheBatchToTheFailedRecordHandlerAfterTheRetriesAndMovesOn() {
        String streamArn = writeItemsAroundPoison("failure-skip");
        List<ChangeRecord> given = new CopyOnWriteArrayList<>();
        try (DynamoDbStreamPoller poller = poller(streamArn)
                .listenerFailureMode(ListenerFailureMode.SKIP)
                .failedRecordHandler((records, failure) -> given.addAll(records))
                .build()) {
            PollResult result = poller.fetchStreamState();

            assertThat(listener.attempts).hasValue(3);
            assertThat(given).singleElement().satisfies(record -> assertThat(record.keys().get("id").s())
                    .isEqualTo("poison"));
            assertThat(result.recordsSkipped()).isEqualTo(1);
            assertThat(result.failedShards()).isEmpty();
            assertThat(listener.versionsById()).hasSize(21).containsEntry("poison", List.of(2));
            assertThat(poller.shardState().get(given.get(0).shardId()).sequenceNumber())
                    .isNotEqualTo(given.get(0).sequenceNumber());
        }
    }

    @Test
    void blockKeepsTheShardAtTheFailedBatchWhileOtherShardsGoOn() {
        String streamArn = writeItemsAroundPoison("failure-block");
        try (DynamoDbStreamPoller poller = poller(streamArn).listenerFailureMode(ListenerFailureMode.BLOCK).build()) {
            PollResult blocked = poller.fetchStreamState();
            PollResult stillBlocked = poller.fetchStreamState();
            String blockedShard = blocked.failedShards().get(0).shardId();
            long otherShardsWhileBlocked = listener.records.stream()
                    .filter(record -> !record.shardId().equals(blockedShard)).count();
            long blockedShardWhileBlocked = listener.records.size() - otherShardsWhileBlocked;
            listener.broken = false;
            PollResult healed = poller.fetchStreamState();

            assertThat(blocked.failedShards()).singleElement()
                    .satisfies(failure -> assertThat(failure.reason()).contains("listener failed"));
            assertThat(stillBlocked.failedShards()).extracting(failure -> failure.shardId()).containsExactly(blockedShard);
            assertThat(listener.attempts).hasValue(7);
            assertThat(otherShardsWhileBlocked).isPositive();
            assertThat(listener.records).filteredOn(record -> record.shardId().equals(blockedShard))
                    .hasSizeGreaterThan((int) blockedShardWhileBlocked);
            assertThat(healed.failedShards()).isEmpty();
            assertThat(listener.versionsById()).hasSize(21).containsEntry("poison", List.of(1, 2));
        }
    }
}
