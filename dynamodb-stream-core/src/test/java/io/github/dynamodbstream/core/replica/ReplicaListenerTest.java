package io.github.dynamodbstream.core.replica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.dynamodbstream.emulator.DynamoDbEmulatorExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Listeners hear every change of a key in the order it was made, with the item before and after. */
class ReplicaListenerTest {

    @RegisterExtension
    static final DynamoDbEmulatorExtension EMULATOR = DynamoDbEmulatorExtension.create();

    @Test
    void changesOfEachKeyAreHeardInOrder() {
        DynamoDbClient dynamoDb = EMULATOR.dynamoDbClient();
        ReplicaTables.create(dynamoDb, "heard");
        ReplicaTables.put(dynamoDb, "heard", "scanned", 1);
        Map<String, List<String>> heard = new ConcurrentHashMap<>();
        AtomicInteger readyCalls = new AtomicInteger();
        ReplicaListener<Map<String, AttributeValue>> listener = new ReplicaListener<>() {
            @Override
            public void onPut(Map<String, AttributeValue> key, Map<String, AttributeValue> oldItem,
                    Map<String, AttributeValue> newItem) {
                record(key, "put " + ReplicaTables.version(oldItem) + "->" + ReplicaTables.version(newItem));
            }

            @Override
            public void onRemove(Map<String, AttributeValue> key, Map<String, AttributeValue> oldItem) {
                record(key, "remove " + ReplicaTables.version(oldItem));
            }

            @Override
            public void onReady() {
                readyCalls.incrementAndGet();
            }

            private void record(Map<String, AttributeValue> key, String change) {
                heard.computeIfAbsent(key.get("id").s(), id -> new CopyOnWriteArrayList<>()).add(change);
            }
        };
        try (DynamoDbTableReplica<Map<String, AttributeValue>> replica = DynamoDbTableReplica.builder()
                .dynamoDbClient(dynamoDb).streamsClient(EMULATOR.streamsClient()).tableName("heard")
                .itemMapper(ReplicaTables.IMAGES).listener(listener).pollInterval(Duration.ofMillis(20))
                .build()) {
            replica.start();
            assertThat(replica.awaitReady(Duration.ofSeconds(20))).isTrue();

            List<String> expected = new ArrayList<>();
            for (int version = 1; version <= 12; version++) {
                for (String id : List.of("a", "b", "c")) {
                    ReplicaTables.put(dynamoDb, "heard", id, version);
                }
                expected.add("put " + (version - 1) + "->" + version);
            }
            ReplicaTables.delete(dynamoDb, "heard", "b");
            ReplicaTables.delete(dynamoDb, "heard", "scanned");

            await().atMost(Duration.ofSeconds(10)).until(() -> heard.getOrDefault("scanned", List.of()).size() == 2);
            await().atMost(Duration.ofSeconds(10)).until(() -> heard.getOrDefault("b", List.of()).size() == 13);
            await().atMost(Duration.ofSeconds(10)).until(() -> heard.getOrDefault("c", List.of()).size() == 12);
            assertThat(heard.get("a")).containsExactlyElementsOf(expected);
            assertThat(heard.get("c")).containsExactlyElementsOf(expected);
            List<String> removed = new ArrayList<>(expected);
            removed.add("remove 12");
            assertThat(heard.get("b")).containsExactlyElementsOf(removed);
            assertThat(heard.get("scanned")).containsExactly("put 0->1", "remove 1");
            assertThat(readyCalls).hasValue(1);
            assertThat(replica.get("b")).isNull();
        }
    }
}
