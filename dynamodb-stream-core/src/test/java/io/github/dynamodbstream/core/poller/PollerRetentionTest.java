package io.github.dynamodbstream.core.poller;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dynamodbstream.core.DynamoDbStreamPoller;
import io.github.dynamodbstream.core.PollResult;
import io.github.dynamodbstream.core.StartingPosition;
import io.github.dynamodbstream.core.checkpoint.InMemoryShardStateRepository;
import io.github.dynamodbstream.core.support.StreamTables;
import io.github.dynamodbstream.emulator.DynamoDbEmulator;
import io.github.dynamodbstream.emulator.DynamoDbEmulatorExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Finished shards are remembered until they leave the stream, and no longer: memory follows retention. */
class PollerRetentionTest {

    @RegisterExtension
    static final DynamoDbEmulatorExtension EMULATOR = DynamoDbEmulatorExtension.of(DynamoDbEmulator.builder()
            .shardsPerStream(2).rotationInterval(Duration.ofHours(4)).retention(Duration.ofHours(24)));

    @Test
    void trackedShardsStayBoundedThroughSevenDaysOfFourHourlyRotations() {
        DynamoDbClient dynamoDb = EMULATOR.dynamoDbClient();
        String streamArn = StreamTables.create(dynamoDb, "retention-week");
        RecordingListener listener = new RecordingListener();
        InMemoryShardStateRepository repository = new InMemoryShardStateRepository();
        MutableClock clock = new MutableClock(EMULATOR.emulator()::now);
        List<Integer> trackedPerStep = new ArrayList<>();
        List<Integer> written = new ArrayList<>();
        long getRecordsOfFinishedShards = 0;
        try (DynamoDbStreamPoller poller = DynamoDbStreamPoller.builder()
                .streamsClient(EMULATOR.streamsClient())
                .streamArn(streamArn)
                .startingPosition(StartingPosition.TRIM_HORIZON)
                .shardStateRepository(repository)
                .clock(clock)
                .listener(listener)
                .build()) {
            for (int step = 1; step <= 7 * 6; step++) {
                StreamTables.put(dynamoDb, "retention-week", "item", step);
                written.add(step);
                PollResult result = poller.fetchStreamState();
                assertThat(result.failedShards()).isEmpty();
                assertThat(result.dataLosses()).isEmpty();
                trackedPerStep.add(poller.shardState().size());
                assertThat(repository.load("default", streamArn)).hasSameSizeAs(poller.shardState());
                EMULATOR.emulator().advanceClock(Duration.ofHours(4));
            }
            poller.fetchStreamState();
        }

        assertThat(listener.versionsById()).containsExactly(Map.entry("item", written));
        assertThat(trackedPerStep.subList(12, trackedPerStep.size())).allMatch(tracked -> tracked <= 2 * 8);
        assertThat(listener.removedShards).hasSizeGreaterThanOrEqualTo(2 * 7 * 6 - 2);
    }
}
