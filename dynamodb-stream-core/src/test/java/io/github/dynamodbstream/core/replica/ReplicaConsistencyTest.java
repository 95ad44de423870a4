package io.github.dynamodbstream.core.replica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.dynamodbstream.core.record.ItemMapper;
import io.github.dynamodbstream.emulator.DynamoDbEmulator;
import io.github.dynamodbstream.emulator.DynamoDbEmulatorExtension;
import io.github.dynamodbstream.emulator.Fault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.StreamDescription;

/**
 * Writers change the table (puts, updates, deletes) while the replica takes its bookmark and scans, and the stream's
 * shards rotate and split meanwhile; some scanned items are held back until the stream has applied later changes:
 * the replica ends equal to the table, whatever the interleaving.
 */
class ReplicaConsistencyTest {

    private static final int WRITERS = 3;
    private static final int KEYS = 60;

    @RegisterExtension
    static final DynamoDbEmulatorExtension EMULATOR =
            DynamoDbEmulatorExtension.of(DynamoDbEmulator.builder().shardsPerStream(2).emptyPageRate(0.2));

    @Test
    void replicaEqualsTheTableAfterConcurrentWritesDuringTheScan() throws Exception {
        long base = System.nanoTime();
        for (long seed : new long[] {7, 2024, base}) {
            try {
                replicateWhileWriting(seed);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("Failed with seed " + seed + " (replay it by putting the seed in the list)",
                        e);
            }
        }
    }

    private void replicateWhileWriting(long seed) throws Exception {
        DynamoDbClient dynamoDb = EMULATOR.dynamoDbClient();
        String table = "consistency-" + Long.toUnsignedString(seed);
        ReplicaTables.create(dynamoDb, table);
        Random setup = new Random(seed);
        for (int item = 0; item < KEYS; item++) {
            if (setup.nextBoolean()) {
                ReplicaTables.put(dynamoDb, table, "item-" + item, 1);
            }
        }
        EMULATOR.emulator().injectFault("Scan", Fault.delay(Duration.ofMillis(20)), 40);
        AtomicInteger writesDuringScan = new AtomicInteger();
        StreamProgress<Map<String, AttributeValue>> progress = new StreamProgress<>();
        Random holds = new Random(seed);
        ItemMapper<Map<String, AttributeValue>> holdingSomeScannedItems = image -> {
            boolean hold;
            synchronized (holds) {
                hold = holds.nextInt(3) == 0;
            }
            if (hold && StreamProgress.onScanThread()) {
                progress.awaitMore(3, Duration.ofMillis(200));
            }
            return image;
        };
        try (DynamoDbTableReplica<Map<String, AttributeValue>> replica = DynamoDbTableReplica.builder()
                .dynamoDbClient(dynamoDb).streamsClient(EMULATOR.streamsClient()).tableName(table)
                .itemMapper(holdingSomeScannedItems).listener(progress)
                .scanSegments(3).scanPageSize(4).pollInterval(Duration.ofMillis(20))
                .pollerCustomizer(poller -> poller.discoveryInterval(Duration.ofMillis(100)))
                .build()) {
            List<CompletableFuture<Void>> writers = new ArrayList<>();
            for (int writer = 0; writer < WRITERS; writer++) {
                Random random = new Random(seed * 31 + writer);
                boolean reshards = writer == 0;
                writers.add(CompletableFuture.runAsync(
                        () -> write(dynamoDb, table, random, reshards, replica, writesDuringScan)));
            }
            replica.start();
            CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new)).get();

            assertThat(replica.awaitReady(Duration.ofSeconds(30))).isTrue();
            EMULATOR.emulator().clearFaults();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(ReplicaTables.byId(replica)).isEqualTo(ReplicaTables.scan(dynamoDb, table)));
            assertThat(writesDuringScan).as("writes made while the scan ran").hasPositiveValue();
            assertThat(replica.size()).isEqualTo(ReplicaTables.scan(dynamoDb, table).size());
        }
    }

    /** Writes until the scan has ended and a few more, with versions that grow per write. */
    private static void write(DynamoDbClient dynamoDb, String table, Random random, boolean reshards,
            DynamoDbTableReplica<?> replica, AtomicInteger writesDuringScan) {
        int afterScan = 0;
        for (int write = 1; write <= 3000 && afterScan < 40; write++) {
            ReplicaState state = replica.state();
            if (state == ReplicaState.SCANNING) {
                writesDuringScan.incrementAndGet();
            } else if (state != ReplicaState.NEW && state != ReplicaState.BOOKMARKING) {
                afterScan++;
            }
            String id = "item-" + random.nextInt(KEYS);
            int choice = random.nextInt(10);
            if (choice < 2) {
                ReplicaTables.delete(dynamoDb, table, id);
            } else if (choice < 4) {
                dynamoDb.updateItem(request -> request.tableName(table).key(Map.of("id", AttributeValue.fromS(id)))
                        .updateExpression("SET v = :v, touched = :t")
                        .expressionAttributeValues(Map.of(":v", AttributeValue.fromN(Integer.toString(random.nextInt(
                                1000))), ":t", AttributeValue.fromBool(true))));
            } else {
                ReplicaTables.put(dynamoDb, table, id, random.nextInt(1000));
            }
            if (reshards && write % 25 == 0) {
                if (random.nextBoolean()) {
                    EMULATOR.emulator().rotateShards(table);
                } else {
                    EMULATOR.emulator().splitShard(table, anOpenShard(table, random));
                }
            }
        }
    }

    private static String anOpenShard(String table, Random random) {
        String arn = EMULATOR.dynamoDbClient().describeTable(request -> request.tableName(table)).table()
                .latestStreamArn();
        List<String> open = new ArrayList<>();
        String after = null;
        do {
            String start = after;
            StreamDescription page = EMULATOR.streamsClient()
                    .describeStream(request -> request.streamArn(arn).exclusiveStartShardId(start)).streamDescription();
            page.shards().stream()
                    .filter(shard -> shard.sequenceNumberRange().endingSequenceNumber() == null)
                    .map(Shard::shardId)
                    .forEach(open::add);
            after = page.lastEvaluatedShardId();
        } while (after != null);
        return open.get(random.nextInt(open.size()));
    }
}
