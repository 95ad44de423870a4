package io.github.dynamodbstream.emulator.stream;

import io.github.dynamodbstream.emulator.DynamoDbEmulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Writers and readers at once, with a shard rotation in the middle: every reader sees every change once, in order. */
class StreamsConcurrencyTest {

    @RegisterExtension
    static final DynamoDbEmulatorExtension EMULATOR = DynamoDbEmulatorExtension.create();

    private static final int WRITERS = 4;
    private static final int READERS = 2;
    private static final int WRITES_PER_WRITER = 250;
    private static final int KEYS_PER_WRITER = 10;

    @Test
    void concurrentWritersAndReadersLoseAndDuplicateNothing() throws Exception {
        StreamReader setup = new StreamReader(EMULATOR.dynamoDbClient(), EMULATOR.streamsClient());
        String arn = setup.createTable("concurrent", StreamViewType.NEW_IMAGE);
        int expected = WRITERS * WRITES_PER_WRITER;
        CountDownLatch halfWritten = new CountDownLatch(expected / 2);
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS + READERS);
        try {
            List<Future<List<Record>>> readers = new ArrayList<>();
            for (int r = 0; r < READERS; r++) {
                readers.add(pool.submit(() -> pollUntil(EMULATOR.streamsClient(), arn, expected)));
            }
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < WRITES_PER_WRITER; i++) {
                        setup.put("concurrent", "w" + writer + "-k" + i % KEYS_PER_WRITER, "w" + writer + "-" + i);
                        halfWritten.countDown();
                    }
                }));
            }
            assertThat(halfWritten.await(60, TimeUnit.SECONDS)).isTrue();
            EMULATOR.emulator().rotateShards("concurrent");
            for (Future<?> writer : writers) {
                writer.get(60, TimeUnit.SECONDS);
            }
            for (Future<List<Record>> reader : readers) {
                assertEveryChangeOnceInOrder(reader.get(60, TimeUnit.SECONDS), expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void assertEveryChangeOnceInOrder(List<Record> records, int expected) {
        assertThat(records).hasSize(expected);
        assertThat(records.stream().map(Record::eventID).collect(Collectors.toSet())).hasSize(expected);
        Map<String, List<Integer>> writesByKey = new HashMap<>();
        for (Record record : records) {
            String value = record.dynamodb().newImage().get("value").s();
            writesByKey.computeIfAbsent(record.dynamodb().keys().get("id").s(), k -> new ArrayList<>())
                    .add(Integer.parseInt(value.substring(value.indexOf('-') + 1)));
        }
        assertThat(writesByKey).hasSize(WRITERS * KEYS_PER_WRITER);
        writesByKey.values().forEach(writes -> assertThat(writes).isSorted().hasSize(WRITES_PER_WRITER / KEYS_PER_WRITER));
    }

    /** A consumer that polls every shard, each child only after its parent ended, until it saw {@code expected}. */
    private static List<Record> pollUntil(DynamoDbStreamsClient streams, String arn, int expected) {
        StreamReader reader = new StreamReader(null, streams);
        List<Record> records = new ArrayList<>();
        Map<String, String> iterators = new HashMap<>();
        Set<String> finished = new HashSet<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (records.size() < expected && System.nanoTime() < deadline) {
            List<Shard> shards = reader.shards(arn);
            Set<String> listed = shards.stream().map(Shard::shardId).collect(Collectors.toSet());
            for (Shard shard : shards) {
                String parent = shard.parentShardId();
                if (finished.contains(shard.shardId()) || parent != null && listed.contains(parent) && !finished.contains(parent)) {
                    continue;
                }
                String iterator = iterators.computeIfAbsent(shard.shardId(), id -> streams.getShardIterator(b -> b
                        .streamArn(arn).shardId(id).shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator());
                GetRecordsResponse page = streams.getRecords(b -> b.shardIterator(iterator));
                records.addAll(page.records());
                if (page.nextShardIterator() == null) {
                    finished.add(shard.shardId());
                } else {
                    iterators.put(shard.shardId(), page.nextShardIterator());
                }
            }
        }
        return records;
    }
}
