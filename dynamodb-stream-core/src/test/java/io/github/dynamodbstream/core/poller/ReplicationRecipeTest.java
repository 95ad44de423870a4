package io.github.dynamodbstream.core.poller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.dynamodbstream.core.DynamoDbStreamPoller;
import io.github.dynamodbstream.core.StartingPosition;
import io.github.dynamodbstream.core.StreamListener;
import io.github.dynamodbstream.core.record.ChangeRecord;
import io.github.dynamodbstream.core.support.StreamTables;
import io.github.dynamodbstream.emulator.DynamoDbEmulator;
import io.github.dynamodbstream.emulator.DynamoDbEmulatorExtension;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The Node library's replication recipe: a round to bookmark the stream, a scan, a round, then rounds; the local
 * copy ends equal to the table, whatever was written meanwhile.
 */
class ReplicationRecipeTest {

    @RegisterExtension
    static final DynamoDbEmulatorExtension EMULATOR =
            DynamoDbEmulatorExtension.of(DynamoDbEmulator.builder().shardsPerStream(2).emptyPageRate(0.1));

    private final Map<String, Map<String, AttributeValue>> replica = new ConcurrentHashMap<>();

    @Test
    void localCopyEqualsTheTableAfterRandomConcurrentWrites() throws Exception {
        DynamoDbClient dynamoDb = EMULATOR.dynamoDbClient();
        String streamArn = StreamTables.create(dynamoDb, "replica");
        for (int item = 0; item < 20; item++) {
            StreamTables.put(dynamoDb, "replica", "item-" + item, 0);
        }
        StreamListener listener = new StreamListener() {
            @Override
            public void onInsert(ChangeRecord record) {
                replica.put(record.keys().get("id").s(), record.newImage());
            }

            @Override
            public void onModify(ChangeRecord record) {
                replica.put(record.keys().get("id").s(), record.newImage());
            }

            @Override
            public void onRemove(ChangeRecord record) {
                replica.remove(record.keys().get("id").s());
            }
        };
        try (DynamoDbStreamPoller poller = DynamoDbStreamPoller.builder()
                .streamsClient(EMULATOR.streamsClient()).streamArn(streamArn)
                .startingPosition(StartingPosition.LATEST).discoveryInterval(Duration.ZERO)
                .listener(listener).build()) {
            CompletableFuture<Void> writes = CompletableFuture.runAsync(() -> writeRandomly(dynamoDb, 400));

            poller.fetchStreamState();
            scan(dynamoDb).forEach(replica::put);
            poller.fetchStreamState();
            while (!writes.isDone()) {
                poller.fetchStreamState();
            }
            writes.get();

            await().atMost(Duration.ofSeconds(30)).until(() -> {
                poller.fetchStreamState();
                return replica.equals(scan(dynamoDb));
            });
        }
        assertThat(replica).hasSizeGreaterThan(0);
    }

    private static void writeRandomly(DynamoDbClient dynamoDb, int writes) {
        Random random = new Random(2024);
        for (int write = 1; write <= writes; write++) {
            String id = "item-" + random.nextInt(30);
            if (random.nextInt(5) == 0) {
                StreamTables.delete(dynamoDb, "replica", id);
            } else {
                StreamTables.put(dynamoDb, "replica", id, write);
            }
            if (write % 150 == 0) {
                EMULATOR.emulator().rotateShards("replica");
            }
        }
    }

    private static Map<String, Map<String, AttributeValue>> scan(DynamoDbClient dynamoDb) {
        Map<String, Map<String, AttributeValue>> items = new HashMap<>();
        dynamoDb.scanPaginator(request -> request.tableName("replica")).items()
                .forEach(item -> items.put(item.get("id").s(), item));
        return items;
    }
}
