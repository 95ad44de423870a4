package io.github.dynamodbstream.core.replica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.dynamodbstream.core.replica.ReplicaFailedException.Reason;
import io.github.dynamodbstream.emulator.DynamoDbEmulatorExtension;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** A replica never keeps part of a table: past its bound it stops with an error that says how to raise it. */
class ReplicaMaxItemsTest {

    @RegisterExtension
    static final DynamoDbEmulatorExtension EMULATOR = DynamoDbEmulatorExtension.create();

    @Test
    void tableLargerThanTheBoundFailsTheReplicaDuringTheScan() {
        DynamoDbClient dynamoDb = EMULATOR.dynamoDbClient();
        ReplicaTables.create(dynamoDb, "too-big");
        for (int item = 0; item < 30; item++) {
            ReplicaTables.put(dynamoDb, "too-big", "item-" + item, 1);
        }
        AtomicReference<ReplicaFailedException> heard = new AtomicReference<>();
        try (DynamoDbTableReplica<?> replica = DynamoDbTableReplica.builder()
                .dynamoDbClient(dynamoDb).streamsClient(EMULATOR.streamsClient()).tableName("too-big")
                .maxItems(20).listener(new ReplicaListener<>() {
                    @Override
                    public void onFailure(ReplicaFailedException failure) {
                        heard.set(failure);
                    }
                })
                .build()) {
            replica.start();

            assertThatThrownBy(() -> replica.awaitReady(Duration.ofSeconds(20)))
                    .isInstanceOfSatisfying(ReplicaFailedException.class, e -> {
                        assertThat(e.reason()).isEqualTo(Reason.TOO_MANY_ITEMS);
                        assertThat(e.tableName()).isEqualTo("too-big");
                    })
                    .hasMessageContaining("Table 'too-big' holds more than 20 items")
                    .hasMessageContaining("maxItems(..)");
            assertThat(replica.state()).isEqualTo(ReplicaState.FAILED);
            assertThat(heard.get()).isSameAs(replica.failure().orElseThrow());
            assertThatThrownBy(replica::size).isSameAs(heard.get());
            assertThatThrownBy(() -> replica.get("item-1")).isSameAs(heard.get());
            assertThat(replica.isReady()).isFalse();
        }
    }

    @Test
    void tableGrowingPastTheBoundAfterReadyFailsTheReplica() {
        DynamoDbClient dynamoDb = EMULATOR.dynamoDbClient();
        ReplicaTables.create(dynamoDb, "growing");
        for (int item = 0; item < 5; item++) {
            ReplicaTables.put(dynamoDb, "growing", "item-" + item, 1);
        }
        try (DynamoDbTableReplica<?> replica = DynamoDbTableReplica.builder()
                .dynamoDbClient(dynamoDb).streamsClient(EMULATOR.streamsClient()).tableName("growing")
                .maxItems(8).pollInterval(Duration.ofMillis(50)).build()) {
            replica.start();
            assertThat(replica.awaitReady(Duration.ofSeconds(20))).isTrue();

            for (int item = 5; item < 12; item++) {
                ReplicaTables.put(dynamoDb, "growing", "item-" + item, 1);
            }

            await().atMost(Duration.ofSeconds(10)).until(() -> replica.state() == ReplicaState.FAILED);
            assertThat(replica.failure()).get().extracting(ReplicaFailedException::reason)
                    .isEqualTo(Reason.TOO_MANY_ITEMS);
            assertThat(replica.isReady()).isFalse();
        }
    }
}
