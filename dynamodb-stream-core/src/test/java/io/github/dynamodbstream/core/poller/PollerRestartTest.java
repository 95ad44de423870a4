package io.github.dynamodbstream.core.poller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dynamodbstream.core.DynamoDbStreamPoller;
import io.github.dynamodbstream.core.PollResult;
import io.github.dynamodbstream.core.StartingPosition;
import io.github.dynamodbstream.core.checkpoint.ShardCheckpoint;
import io.github.dynamodbstream.core.checkpoint.ShardStateRepository;
import io.github.dynamodbstream.core.dynamodb.DynamoDbShardStateRepository;
import io.github.dynamodbstream.core.failure.RetryBackoff;
import io.github.dynamodbstream.core.record.ChangeRecord;
import io.github.dynamodbstream.core.support.StreamTables;
import io.github.dynamodbstream.emulator.DynamoDbEmulator;
import io.github.dynamodbstream.emulator.DynamoDbEmulatorExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** A poller dropped mid-stream, without a graceful stop; a new one with the same checkpoint table goes on. */
class PollerRestartTest {

    @RegisterExtension
    static final DynamoDbEmulatorExtension EMULATOR =
            DynamoDbEmulatorExtension.of(DynamoDbEmulator.builder().shardsPerStream(1));

    /** Stands for the process dying: not an exception a listener would throw, so the poller does not retry it. */
    private static final class Crash extends Error {
        Crash() {
            super("the process died");
        }
    }

    private static ShardStateRepository repository() {
        return DynamoDbShardStateRepository.builder()
                .dynamoDbClient(EMULATOR.dynamoDbClient()).createTableIfMissing(true).build();
    }

    @Test
    void newPollerDeliversEverythingNotAcknowledgedAndRepeatsOnlyTheBatchInFlight() {
        DynamoDbClient dynamoDb = EMULATOR.dynamoDbClient();
        String streamArn = StreamTables.create(dynamoDb, "restart-crash");
        for (int version = 1; version <= 6; version++) {
            StreamTables.put(dynamoDb, "restart-crash", "a", version);
        }
        StreamTables.put(dynamoDb, "restart-crash", "b", 1);
        EMULATOR.emulator().rotateShards("restart-crash");
        for (int version = 7; version <= 10; version++) {
            StreamTables.put(dynamoDb, "restart-crash", "a", version);
        }
        List<Integer> delivered = new ArrayList<>();
        RecordingListener crashing = new RecordingListener() {
            @Override
            public void onInsert(ChangeRecord record) {
                onModify(record);
            }

            @Override
            public void onModify(ChangeRecord record) {
                int version = Integer.parseInt(record.newImage().get("v").n());
                delivered.add(version);
                if (version == 6) {
                    throw new Crash();
                }
            }
        };
        DynamoDbStreamPoller first = DynamoDbStreamPoller.builder()
                .streamsClient(EMULATOR.streamsClient()).streamArn(streamArn)
                .startingPosition(StartingPosition.TRIM_HORIZON).shardStateRepository(repository())
                .maxRecordsPerCall(2).listener(crashing).build();
        assertThatThrownBy(first::fetchStreamState).isInstanceOf(Crash.class);

        RecordingListener listener = new RecordingListener();
        try (DynamoDbStreamPoller second = DynamoDbStreamPoller.builder()
                .streamsClient(EMULATOR.streamsClient()).streamArn(streamArn)
                .startingPosition(StartingPosition.LATEST).shardStateRepository(repository())
                .maxRecordsPerCall(2).listener(listener).build()) {
            second.fetchStreamState();
        }

        assertThat(delivered).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(listener.versionsById()).containsExactly(
                Map.entry("a", IntStream.rangeClosed(5, 10).boxed().toList()), Map.entry("b", List.of(1)));
    }

    @Test
    void latestConsumerRestartedBeforeItAcknowledgedAnythingDeliversWhatWasWrittenAfterItsFirstStart() {
        DynamoDbClient dynamoDb = EMULATOR.dynamoDbClient();
        String streamArn = StreamTables.create(dynamoDb, "restart-latest");
        StreamTables.put(dynamoDb, "restart-latest", "before", 1);
        RecordingListener failing = new RecordingListener() {
            @Override
            public void onInsert(ChangeRecord record) {
                throw new IllegalStateException("the downstream system is down");
            }
        };
        DynamoDbStreamPoller first = DynamoDbStreamPoller.builder()
                .streamsClient(EMULATOR.streamsClient()).streamArn(streamArn)
                .startingPosition(StartingPosition.LATEST).shardStateRepository(repository())
                .listenerRetryBackoff(RetryBackoff.noRetry()).listener(failing).build();
        first.fetchStreamState();
        Map<String, ShardCheckpoint> positioned = first.shardState();
        StreamTables.put(dynamoDb, "restart-latest", "a", 1);
        PollResult failed = first.fetchStreamState();
        first.close();

        RecordingListener listener = new RecordingListener();
        try (DynamoDbStreamPoller second = DynamoDbStreamPoller.builder()
                .streamsClient(EMULATOR.streamsClient()).streamArn(streamArn)
                .startingPosition(StartingPosition.LATEST).shardStateRepository(repository())
                .listener(listener).build()) {
            second.fetchStreamState();
        }

        assertThat(failed.failedShards()).hasSize(1);
        assertThat(listener.versionsById()).containsKey("a");
        assertThat(positioned.values()).singleElement().satisfies(checkpoint -> {
            assertThat(checkpoint.sequenceNumber()).isNull();
            assertThat(checkpoint.finished()).isFalse();
        });
    }

    @Test
    void pollerWhoseCheckpointAnotherPollerWithTheSameConsumerNameTookOverStopsReadingTheShardInsteadOfRepeatingIt() {
        DynamoDbClient dynamoDb = EMULATOR.dynamoDbClient();
        String streamArn = StreamTables.create(dynamoDb, "restart-clash");
        StreamTables.put(dynamoDb, "restart-clash", "a", 1);
        RecordingListener firstListener = new RecordingListener();
        RecordingListener secondListener = new RecordingListener();
        try (DynamoDbStreamPoller first = DynamoDbStreamPoller.builder()
                    .streamsClient(EMULATOR.streamsClient()).streamArn(streamArn).consumerName("clash")
                    .startingPosition(StartingPosition.TRIM_HORIZON).shardStateRepository(repository())
                    .listener(firstListener).build();
                DynamoDbStreamPoller second = DynamoDbStreamPoller.builder()
                    .streamsClient(EMULATOR.streamsClient()).streamArn(streamArn).consumerName("clash")
                    .startingPosition(StartingPosition.TRIM_HORIZON).shardStateRepository(repository())
                    .listener(secondListener).build()) {
            first.fetchStreamState();
            second.fetchStreamState();
            StreamTables.put(dynamoDb, "restart-clash", "a", 2);
            second.fetchStreamState();

            PollResult refused = first.fetchStreamState();
            PollResult next = first.fetchStreamState();
            PollResult afterThat = first.fetchStreamState();

            assertThat(firstListener.versionsById()).containsExactly(Map.entry("a", List.of(1, 2)));
            assertThat(secondListener.versionsById()).containsExactly(Map.entry("a", List.of(2)));
            assertThat(refused.failedShards()).singleElement().satisfies(failure ->
                    assertThat(failure.reason()).contains("consumer name 'clash'"));
            assertThat(next.failedShards()).isEqualTo(afterThat.failedShards()).singleElement()
                    .satisfies(failure -> assertThat(failure.reason()).contains("consumer name 'clash'"));
        }
    }
}
