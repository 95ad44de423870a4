package io.github.dynamodbstream.core.poller;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dynamodbstream.core.DynamoDbStreamPoller;
import io.github.dynamodbstream.core.PollResult;
import io.github.dynamodbstream.core.StartingPosition;
import io.github.dynamodbstream.core.checkpoint.InMemoryShardStateRepository;
import io.github.dynamodbstream.core.checkpoint.ShardCheckpoint;
import io.github.dynamodbstream.core.checkpoint.ShardStateRepository;
import io.github.dynamodbstream.core.failure.RetryBackoff;
import io.github.dynamodbstream.core.support.StreamTables;
import io.github.dynamodbstream.emulator.DynamoDbEmulator;
import io.github.dynamodbstream.emulator.DynamoDbEmulatorExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.Shard;

/** Parent before child, and where a shard starts. */
class PollerLineageTest {

    @RegisterExtension
    static final DynamoDbEmulatorExtension EMULATOR =
            DynamoDbEmulatorExtension.of(DynamoDbEmulator.builder().shardsPerStream(1));

    private final RecordingListener listener = new RecordingListener();

    private DynamoDbStreamPoller.Builder poller(String streamArn) {
        return DynamoDbStreamPoller.builder()
                .streamsClient(EMULATOR.streamsClient())
                .streamArn(streamArn)
                .startingPosition(StartingPosition.TRIM_HORIZON)
                .listenerRetryBackoff(RetryBackoff.of(2, Duration.ofMillis(1), Duration.ofMillis(1)))
                .listener(listener);
    }

    @Test
    void childShardIsReadOnlyAfterParentIsDrained() {
        DynamoDbClient dynamoDb = EMULATOR.dynamoDbClient();
        String streamArn = StreamTables.create(dynamoDb, "lineage-drain");
        for (int version = 1; version <= 6; version++) {
            StreamTables.put(dynamoDb, "lineage-drain", "a", version);
        }
        EMULATOR.emulator().rotateShards("lineage-drain");
        for (int version = 7; version <= 9; version++) {
            StreamTables.put(dynamoDb, "lineage-drain", "a", version);
        }
        try (DynamoDbStreamPoller poller = poller(streamArn).maxRecordsPerCall(2).maxCallsPerShardPerRound(2).build()) {
            PollResult first = poller.fetchStreamState();

            assertThat(listener.versionsById()).containsExactly(Map.entry("a", List.of(1, 2, 3, 4)));
            assertThat(first.caughtUp()).isFalse();
            assertThat(first.finishedShards()).isEmpty();

            PollResult second = poller.fetchStreamState();

            assertThat(second.finishedShards()).hasSize(1);
            assertThat(listener.versionsById()).containsExactly(Map.entry("a", List.of(1, 2, 3, 4, 5, 6, 7, 8, 9)));
        }
    }

    @Test
    void childrenFoundInARoundAreReadFromTrimHorizonInTheSameRound() {
        DynamoDbClient dynamoDb = EMULATOR.dynamoDbClient();
        String streamArn = StreamTables.create(dynamoDb, "lineage-children");
        try (DynamoDbStreamPoller poller = poller(streamArn).startingPosition(StartingPosition.LATEST).build()) {
            poller.fetchStreamState();
            StreamTables.put(dynamoDb, "lineage-children", "a", 1);
            EMULATOR.emulator().rotateShards("lineage-children");
            StreamTables.put(dynamoDb, "lineage-children", "a", 2);
            EMULATOR.emulator().rotateShards("lineage-children");
            StreamTables.put(dynamoDb, "lineage-children", "a", 3);

            PollResult result = poller.fetchStreamState();

            assertThat(listener.versionsById()).containsExactly(Map.entry("a", List.of(1, 2, 3)));
            assertThat(result.finishedShards()).hasSize(2);
            assertThat(result.newShards()).hasSize(2);
            assertThat(result.caughtUp()).isTrue();
        }
    }

    @Test
    void latestSkipsClosedShardsAndStartsOpenShardsAtTheirTip() {
        DynamoDbClient dynamoDb = EMULATOR.dynamoDbClient();
        String streamArn = StreamTables.create(dynamoDb, "lineage-latest");
        StreamTables.put(dynamoDb, "lineage-latest", "old", 1);
        EMULATOR.emulator().rotateShards("lineage-latest");
        StreamTables.put(dynamoDb, "lineage-latest", "old", 2);
        try (DynamoDbStreamPoller poller = poller(streamArn).startingPosition(StartingPosition.LATEST).build()) {
            PollResult first = poller.fetchStreamState();
            StreamTables.put(dynamoDb, "lineage-latest", "new", 1);
            poller.fetchStreamState();

            assertThat(first.recordsDelivered()).isZero();
            assertThat(listener.versionsById()).containsExactly(Map.entry("new", List.of(1)));
            assertThat(poller.shardState().values()).filteredOn(ShardCheckpoint::finished).hasSize(1)
                    .allSatisfy(checkpoint -> assertThat(checkpoint.sequenceNumber()).isNull());
        }
    }

    @Test
    void startingPositionAppliesOnlyToAFreshConsumer() {
        DynamoDbClient dynamoDb = EMULATOR.dynamoDbClient();
        String streamArn = StreamTables.create(dynamoDb, "lineage-fresh");
        ShardStateRepository repository = new InMemoryShardStateRepository();
        StreamTables.put(dynamoDb, "lineage-fresh", "a", 1);
        try (DynamoDbStreamPoller poller = poller(streamArn).shardStateRepository(repository).build()) {
            poller.fetchStreamState();
        }
        EMULATOR.emulator().rotateShards("lineage-fresh");
        StreamTables.put(dynamoDb, "lineage-fresh", "a", 2);
        EMULATOR.emulator().rotateShards("lineage-fresh");
        StreamTables.put(dynamoDb, "lineage-fresh", "a", 3);
        listener.records.clear();

        try (DynamoDbStreamPoller restarted = poller(streamArn).shardStateRepository(repository)
                .startingPosition(StartingPosition.LATEST).build()) {
            restarted.fetchStreamState();
        }

        assertThat(listener.versionsById()).containsExactly(Map.entry("a", List.of(2, 3)));
    }

    @Test
    void trimHorizonReadsEveryShardParentFirst() {
        DynamoDbClient dynamoDb = EMULATOR.dynamoDbClient();
        String streamArn = StreamTables.create(dynamoDb, "lineage-split");
        StreamTables.put(dynamoDb, "lineage-split", "a", 1);
        StreamTables.put(dynamoDb, "lineage-split", "b", 1);
        Shard open = EMULATOR.streamsClient().describeStream(request -> request.streamArn(streamArn))
                .streamDescription().shards().get(0);
        EMULATOR.emulator().splitShard("lineage-split", open.shardId());
        for (int version = 2; version <= 5; version++) {
            StreamTables.put(dynamoDb, "lineage-split", "a", version);
            StreamTables.put(dynamoDb, "lineage-split", "b", version);
        }

        try (DynamoDbStreamPoller poller = poller(streamArn).build()) {
            PollResult result = poller.fetchStreamState();

            assertThat(listener.versionsById()).containsOnly(
                    Map.entry("a", List.of(1, 2, 3, 4, 5)), Map.entry("b", List.of(1, 2, 3, 4, 5)));
            assertThat(result.newShards()).hasSize(3);
            assertThat(result.finishedShards()).containsExactly(open.shardId());
        }
    }
}
