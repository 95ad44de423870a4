package io.github.dynamodbstream.core.poller;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dynamodbstream.core.DynamoDbStreamPoller;
import io.github.dynamodbstream.core.PollResult;
import io.github.dynamodbstream.core.StartingPosition;
import io.github.dynamodbstream.core.support.StreamTables;
import io.github.dynamodbstream.emulator.DynamoDbEmulator;
import io.github.dynamodbstream.emulator.DynamoDbEmulatorExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.StreamDescription;

/**
 * Per-item order across any number of rotations and splits: random writes, deletes, rotations, splits and rounds,
 * one seeded run per seed (the seed is in the test name and in every failure message).
 */
class PollerOrderTest {

    @RegisterExtension
    static final DynamoDbEmulatorExtension EMULATOR =
            DynamoDbEmulatorExtension.of(DynamoDbEmulator.builder().shardsPerStream(2).emptyPageRate(0.2));

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 7, 42, 1234, 987654321})
    void everyChangeArrivesAndEachItemsChangesArriveInWriteOrder(long seed) {
        Random random = new Random(seed);
        DynamoDbClient dynamoDb = EMULATOR.dynamoDbClient();
        String table = "order-" + seed;
        String streamArn = StreamTables.create(dynamoDb, table);
        RecordingListener listener = new RecordingListener();
        Map<String, List<Integer>> written = new LinkedHashMap<>();
        try (DynamoDbStreamPoller poller = DynamoDbStreamPoller.builder()
                .streamsClient(EMULATOR.streamsClient())
                .streamArn(streamArn)
                .startingPosition(StartingPosition.TRIM_HORIZON)
                .maxRecordsPerCall(1 + random.nextInt(5))
                .maxCallsPerShardPerRound(1 + random.nextInt(4))
                .discoveryInterval(Duration.ofMillis(random.nextInt(50)))
                .listener(listener)
                .build()) {
            for (int step = 0; step < 300; step++) {
                int action = random.nextInt(100);
                if (action < 70) {
                    String id = "item-" + random.nextInt(6);
                    List<Integer> versions = written.computeIfAbsent(id, key -> new ArrayList<>());
                    int version = versions.size() + 1;
                    StreamTables.put(dynamoDb, table, id, version);
                    versions.add(version);
                } else if (action < 75) {
                    String id = "item-" + random.nextInt(6);
                    List<Integer> versions = written.get(id);
                    if (versions != null && versions.get(versions.size() - 1) != -1) {
                        StreamTables.delete(dynamoDb, table, id);
                        versions.add(-1);
                    }
                } else if (action < 80) {
                    EMULATOR.emulator().rotateShards(table);
                } else if (action < 85) {
                    List<Shard> open = openShards(streamArn);
                    EMULATOR.emulator().splitShard(table, open.get(random.nextInt(open.size())).shardId());
                } else {
                    poller.fetchStreamState();
                }
            }
            int changes = written.values().stream().mapToInt(List::size).sum();
            pollUntilDelivered(poller, listener, changes, seed);
        }

        assertThat(listener.distinctVersionsById()).as("seed %d", seed).isEqualTo(written);
    }

    /** Polls until every change arrived (an empty page can end an idle shard's round early: that is allowed). */
    private static void pollUntilDelivered(DynamoDbStreamPoller poller, RecordingListener listener, int changes,
            long seed) {
        for (int round = 0; round < 1000; round++) {
            int delivered = listener.distinctVersionsById().values().stream().mapToInt(List::size).sum();
            if (delivered >= changes) {
                PollResult last = poller.fetchStreamState();
                assertThat(last.failedShards()).as("seed %d", seed).isEmpty();
                return;
            }
            poller.fetchStreamState();
        }
        throw new AssertionError("seed " + seed + ": not every change arrived within 1000 rounds");
    }

    private static List<Shard> openShards(String streamArn) {
        List<Shard> open = new ArrayList<>();
        String startAfter = null;
        do {
            String exclusiveStart = startAfter;
            StreamDescription page = EMULATOR.streamsClient().describeStream(request -> request.streamArn(streamArn)
                    .exclusiveStartShardId(exclusiveStart)).streamDescription();
            page.shards().stream().filter(shard -> shard.sequenceNumberRange().endingSequenceNumber() == null)
                    .forEach(open::add);
            startAfter = page.lastEvaluatedShardId();
        } while (startAfter != null);
        return open;
    }
}
