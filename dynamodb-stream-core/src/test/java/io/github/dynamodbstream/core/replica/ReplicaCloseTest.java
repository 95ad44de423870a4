package io.github.dynamodbstream.core.replica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.dynamodbstream.emulator.DynamoDbEmulatorExtension;
import io.github.dynamodbstream.emulator.Fault;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Closing a replica stops every thread it started, whether it was ready or still scanning. */
class ReplicaCloseTest {

    @RegisterExtension
    static final DynamoDbEmulatorExtension EMULATOR = DynamoDbEmulatorExtension.create();

    @AfterEach
    void clearFaults() {
        EMULATOR.emulator().clearFaults();
    }

    private final Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());

    /** Threads of the replica and of its poller started by this test that are still alive. */
    private List<String> replicaThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.isAlive() && !before.contains(thread))
                .map(Thread::getName)
                .filter(name -> name.startsWith("dynamodb-replica-") || name.startsWith("dynamodb-stream-"))
                .toList();
    }

    @Test
    void closeStopsThePollerOfAReadyReplica() {
        DynamoDbClient dynamoDb = EMULATOR.dynamoDbClient();
        ReplicaTables.create(dynamoDb, "closing");
        DynamoDbTableReplica<?> replica = DynamoDbTableReplica.builder()
                .dynamoDbClient(dynamoDb).streamsClient(EMULATOR.streamsClient()).tableName("closing").build();
        replica.start();
        assertThat(replica.awaitReady(Duration.ofSeconds(20))).isTrue();
        assertThat(replicaThreads()).contains("dynamodb-replica-closing");

        replica.close();

        // A pool reports termination a moment before its last thread has died.
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(replicaThreads()).isEmpty());
        assertThat(replica.state()).isEqualTo(ReplicaState.CLOSED);
        replica.close();
    }

    @Test
    void closeDuringTheScanStopsItAndEndsTheWaitForReady() {
        DynamoDbClient dynamoDb = EMULATOR.dynamoDbClient();
        ReplicaTables.create(dynamoDb, "closing-early");
        ReplicaTables.put(dynamoDb, "closing-early", "a", 1);
        EMULATOR.emulator().injectFault("Scan", Fault.delay(Duration.ofMillis(500)), 4);
        DynamoDbTableReplica<?> replica = DynamoDbTableReplica.builder()
                .dynamoDbClient(dynamoDb).streamsClient(EMULATOR.streamsClient()).tableName("closing-early")
                .build();
        replica.start();
        assertThat(replicaThreads()).anyMatch(name -> name.startsWith("dynamodb-replica-scan-"));

        replica.close();

        // A pool reports termination a moment before its last thread has died.
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(replicaThreads()).isEmpty());
        assertThatThrownBy(() -> replica.awaitReady(Duration.ofSeconds(1))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed before it was ready");
        assertThat(replica.isReady()).isFalse();
    }
}
