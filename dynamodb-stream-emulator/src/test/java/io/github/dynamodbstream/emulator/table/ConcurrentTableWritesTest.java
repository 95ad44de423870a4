package io.github.dynamodbstream.emulator.table;

import static io.github.dynamodbstream.emulator.table.TestTables.n;
import static io.github.dynamodbstream.emulator.table.TestTables.s;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.dynamodbstream.emulator.DynamoDbEmulatorExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/** Several clients writing and reading at once: no write is lost or applied twice, each makes one record. */
class ConcurrentTableWritesTest {

    private static final int THREADS = 6;
    private static final int WRITES_PER_THREAD = 50;

    @RegisterExtension
    static final DynamoDbEmulatorExtension EMULATOR = DynamoDbEmulatorExtension.create();

    @Test
    void concurrentPutsAndCounterUpdatesAreNeitherLostNorDuplicated() throws Exception {
        DynamoDbClient client = EMULATOR.dynamoDbClient();
        String table = TestTables.createTable(client, "concurrent", StreamViewType.KEYS_ONLY);
        ExecutorService executor = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                String writer = "writer-" + t;
                writers.add(executor.submit(() -> {
                    start.await();
                    for (int i = 0; i < WRITES_PER_THREAD; i++) {
                        int sk = i;
                        client.putItem(request -> request.tableName(table)
                                .item(Map.of("pk", s(writer), "sk", n(sk))));
                        client.updateItem(request -> request.tableName(table)
                                .key(Map.of("pk", s("counter"), "sk", n(0)))
                                .updateExpression("ADD hits :one")
                                .expressionAttributeValues(Map.of(":one", n(1))));
                        int seen = client.query(request -> request.tableName(table)
                                .keyConditionExpression("pk = :p")
                                .expressionAttributeValues(Map.of(":p", s(writer)))).count();
                        if (seen != sk + 1) {
                            throw new AssertionError(writer + " read " + seen + " of its own " + (sk + 1) + " items");
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> writer : writers) {
                writer.get(2, TimeUnit.MINUTES);
            }
        } finally {
            executor.shutdownNow();
        }

        int items = client.scan(request -> request.tableName(table)).count();
        String hits = client.getItem(request -> request.tableName(table)
                .key(Map.of("pk", s("counter"), "sk", n(0)))).item().get("hits").n();
        String streamArn = client.describeTable(request -> request.tableName(table)).table().latestStreamArn();
        List<Record> records = TestTables.readAll(EMULATOR.streamsClient(), streamArn);

        assertThat(items).isEqualTo(THREADS * WRITES_PER_THREAD + 1);
        assertThat(Integer.parseInt(hits)).isEqualTo(THREADS * WRITES_PER_THREAD);
        assertThat(records).hasSize(THREADS * WRITES_PER_THREAD * 2);
        assertThat(records).filteredOn(record -> record.eventName() == OperationType.INSERT)
                .hasSize(THREADS * WRITES_PER_THREAD + 1);
        assertThat(records).extracting(record -> record.dynamodb().sequenceNumber()).doesNotHaveDuplicates();
    }
}
