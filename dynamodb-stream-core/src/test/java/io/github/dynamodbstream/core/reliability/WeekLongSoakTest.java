package io.github.dynamodbstream.core.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dynamodbstream.core.DataLoss;
import io.github.dynamodbstream.core.DynamoDbStreamPoller;
import io.github.dynamodbstream.core.PollResult;
import io.github.dynamodbstream.core.StartingPosition;
import io.github.dynamodbstream.core.StreamListener;
import io.github.dynamodbstream.core.dynamodb.DynamoDbShardStateRepository;
import io.github.dynamodbstream.core.record.ChangeRecord;
import io.github.dynamodbstream.core.support.StreamTables;
import io.github.dynamodbstream.emulator.DynamoDbEmulator;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * A week on the emulator's clock, in 10-minute steps with writes between them and shard rotation every 4 hours:
 * tracked shards, checkpoint rows and API calls stay bounded, and every change is delivered.
 */
class WeekLongSoakTest {

    private static final String TABLE = "soak";
    private static final String CONSUMER = "soak-consumer";
    private static final int SHARDS = 2;
    private static final int DAYS = 7;
    private static final Duration STEP = Duration.ofMinutes(10);
    private static final Duration ROTATION = Duration.ofHours(4);
    private static final Duration RETENTION = Duration.ofHours(24);
    private static final Duration DISCOVERY_INTERVAL = Duration.ofMinutes(30);
    private static final int WRITES_PER_STEP = 3;
    private static final int KEYS = 50;

    /** One day's figures, as docs/reliability.md reports them. */
    record Day(int day, long heapAfterGcBytes, int trackedShards, int shardsInStream, int checkpointRows,
            long maxDescribeStreamPerHour, long getShardIteratorCalls, int shardsCreated) {

        String line() {
            return String.format("day %d: heap after GC %.1f MB, tracked shards %d, shards in stream %d, checkpoint"
                    + " rows %d, DescribeStream max %d an hour, GetShardIterator %d (new shards %d)", day,
                    heapAfterGcBytes / 1_048_576.0, trackedShards, shardsInStream, checkpointRows,
                    maxDescribeStreamPerHour, getShardIteratorCalls, shardsCreated);
        }
    }

    @Test
    void aWeekOfRotationsKeepsShardsCheckpointsAndCallsBoundedAndDeliversEverything() {
        Clock start = Clock.fixed(Instant.parse("2025-01-06T00:00:00Z"), ZoneOffset.UTC);
        // time moves only when the test moves it, so tables must be ACTIVE at once
        try (DynamoDbEmulator emulator = DynamoDbEmulator.builder().clock(start).shardsPerStream(SHARDS)
                .rotationInterval(ROTATION).retention(RETENTION).statusDelay(Duration.ZERO).start();
                DynamoDbClient dynamoDb = StreamTables.dynamoDbWithRetries(emulator);
                DynamoDbStreamsClient streams = StreamTables.streamsWithoutRetries(emulator)) {
            String streamArn = StreamTables.create(dynamoDb, TABLE);
            DynamoDbShardStateRepository store = DynamoDbShardStateRepository.builder()
                    .dynamoDbClient(dynamoDb).createTableIfMissing(true).build();
            Delivered listener = new Delivered();
            Set<String> written = new HashSet<>();
            int[] versions = new int[KEYS];
            List<Day> days = new ArrayList<>();
            long describeBudget = describeStreamBudgetPerHour();
            try (DynamoDbStreamPoller poller = DynamoDbStreamPoller.builder()
                    .streamsClient(streams).streamArn(streamArn).startingPosition(StartingPosition.TRIM_HORIZON)
                    .shardStateRepository(store).consumerName(CONSUMER).listener(listener)
                    .discoveryInterval(DISCOVERY_INTERVAL).clock(new EmulatorClock(emulator))
                    .build()) {
                // A first round at time zero puts the full listings on the half hours, so one runs at each day's end
                // and the checkpoint rows checked then follow the stream as it is at that moment.
                roundsUntilCaughtUp(poller);
                emulator.calls().reset();
                long describeAtHourStart = 0;
                long maxDescribePerHour = 0;
                long describeByTest = 0;
                long iteratorsAtDayStart = 0;
                int stepsPerHour = (int) (Duration.ofHours(1).toMinutes() / STEP.toMinutes());
                int stepsPerDay = 24 * stepsPerHour;
                for (int step = 1; step <= DAYS * stepsPerDay; step++) {
                    for (int write = 0; write < WRITES_PER_STEP; write++) {
                        int key = (step * WRITES_PER_STEP + write) % KEYS;
                        versions[key]++;
                        StreamTables.put(dynamoDb, TABLE, "k" + key, versions[key]);
                        written.add("k" + key + "#" + versions[key]);
                    }
                    emulator.advanceClock(STEP);
                    roundsUntilCaughtUp(poller);
                    if (step % stepsPerHour == 0) {
                        long describe = emulator.calls().count("DescribeStream") - describeByTest;
                        maxDescribePerHour = Math.max(maxDescribePerHour, describe - describeAtHourStart);
                        describeAtHourStart = describe;
                    }
                    if (step % stepsPerDay == 0) {
                        long before = emulator.calls().count("DescribeStream");
                        List<Shard> inStream = shards(streams, streamArn);
                        describeByTest += emulator.calls().count("DescribeStream") - before;
                        Set<String> shardIds = new HashSet<>();
                        inStream.forEach(shard -> shardIds.add(shard.shardId()));
                        Set<String> rows = store.load(CONSUMER, streamArn).keySet();
                        assertThat(shardIds).as("checkpoint rows of shards still in the stream, day %d",
                                step / stepsPerDay).containsAll(rows);
                        long iterators = emulator.calls().count("GetShardIterator");
                        days.add(new Day(step / stepsPerDay, heapAfterGc(), poller.shardState().size(),
                                inStream.size(), rows.size(), maxDescribePerHour, iterators - iteratorsAtDayStart,
                                newShardsPerDay(step / stepsPerDay)));
                        System.out.println("[soak] " + days.get(days.size() - 1).line());
                        iteratorsAtDayStart = iterators;
                        maxDescribePerHour = 0;
                    }
                }
            }
            System.out.println("[soak] DescribeStream budget " + describeBudget + " an hour; " + written.size()
                    + " changes written, " + listener.positions.size() + " delivered, data losses "
                    + listener.dataLosses.size());

            assertThat(listener.dataLosses).isEmpty();
            assertThat(listener.versions).containsAll(written);
            assertThat(listener.positions).hasSameSizeAs(written);
            int shardsAlive = shardsAliveAtOnce();
            for (Day day : days) {
                assertThat(day.trackedShards()).as("tracked shards, %s", day.line()).isLessThanOrEqualTo(shardsAlive);
                assertThat(day.checkpointRows()).as("checkpoint rows, %s", day.line()).isLessThanOrEqualTo(shardsAlive);
                assertThat(day.maxDescribeStreamPerHour()).as("DescribeStream an hour, %s", day.line())
                        .isLessThanOrEqualTo(describeBudget);
                assertThat(day.getShardIteratorCalls()).as("GetShardIterator calls, %s", day.line())
                        .isLessThanOrEqualTo(day.shardsCreated());
            }
            Day second = days.get(1);
            Day last = days.get(days.size() - 1);
            assertThat(last.trackedShards()).isLessThanOrEqualTo(second.trackedShards() + SHARDS);
            assertThat(last.checkpointRows()).isLessThanOrEqualTo(second.checkpointRows() + SHARDS);
        }
    }

    /**
     * DescribeStream calls an hour may make: full listings (one page: far fewer than 100 shards), at most one per
     * discovery interval plus one at the hour's edge, and one CHILD_SHARDS call per shard closed within the hour.
     */
    private static long describeStreamBudgetPerHour() {
        long listings = Duration.ofHours(1).dividedBy(DISCOVERY_INTERVAL) + 1;
        long rotationsPerHour = Math.max(1, Duration.ofHours(1).dividedBy(ROTATION));
        return listings + rotationsPerHour * SHARDS;
    }

    /** Shards a stream holds at most: the open ones, and those closed within the retention period plus one rotation. */
    private static int shardsAliveAtOnce() {
        return (int) (SHARDS * (RETENTION.plus(ROTATION).dividedBy(ROTATION) + 1));
    }

    /** Shards opened in a day: the first day also opens the stream's first shards. */
    private static int newShardsPerDay(int day) {
        int rotations = (int) Duration.ofDays(1).dividedBy(ROTATION);
        return rotations * SHARDS + (day == 1 ? SHARDS : 0);
    }

    private static void roundsUntilCaughtUp(DynamoDbStreamPoller poller) {
        for (int round = 0; round < 10; round++) {
            PollResult result = poller.fetchStreamState();
            assertThat(result.failedShards()).isEmpty();
            if (result.caughtUp()) {
                return;
            }
        }
        throw new AssertionError("the poller did not catch up within 10 rounds");
    }

    private static List<Shard> shards(DynamoDbStreamsClient streams, String streamArn) {
        List<Shard> shards = new ArrayList<>();
        String start = null;
        do {
            String exclusiveStart = start;
            var description = streams.describeStream(r -> r.streamArn(streamArn).exclusiveStartShardId(exclusiveStart))
                    .streamDescription();
            shards.addAll(description.shards());
            start = description.lastEvaluatedShardId();
        } while (start != null);
        return shards;
    }

    private static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** The poller's clock: the emulator's, which the test moves. */
    private static final class EmulatorClock extends Clock {

        private final DynamoDbEmulator emulator;

        EmulatorClock(DynamoDbEmulator emulator) {
            this.emulator = emulator;
        }

        @Override
        public Instant instant() {
            return emulator.now();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("the soak clock stays in UTC");
        }
    }

    /** Keeps the item versions and positions delivered. */
    private static final class Delivered implements StreamListener {

        final Set<String> versions = ConcurrentHashMap.newKeySet();
        final Set<String> positions = ConcurrentHashMap.newKeySet();
        final List<DataLoss> dataLosses = new CopyOnWriteArrayList<>();

        @Override
        public void onBatch(List<ChangeRecord> records) {
            for (ChangeRecord record : records) {
                versions.add(record.keys().get("id").s() + "#" + record.newImage().get("v").n());
                positions.add(record.shardId() + "/" + record.sequenceNumber());
            }
        }

        @Override
        public void onDataLoss(DataLoss dataLoss) {
            dataLosses.add(dataLoss);
        }
    }
}
