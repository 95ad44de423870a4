package io.github.dynamodbstream.core.replica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.dynamodbstream.core.failure.RetryBackoff;
import io.github.dynamodbstream.emulator.DynamoDbEmulatorExtension;
import io.github.dynamodbstream.emulator.Fault;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A replica is ready only once its scan is done and a later round caught up with every shard. */
class ReplicaReadinessTest {

    @RegisterExtension
    static final DynamoDbEmulatorExtension EMULATOR = DynamoDbEmulatorExtension.create();

    @AfterEach
    void clearFaults() {
        EMULATOR.emulator().clearFaults();
    }

    @Test
    void notReadyWhileTheScanRunsThenReadyWithEveryItem() {
        DynamoDbClient dynamoDb = EMULATOR.dynamoDbClient();
        ReplicaTables.create(dynamoDb, "slow-scan");
        for (int item = 0; item < 10; item++) {
            ReplicaTables.put(dynamoDb, "slow-scan", "item-" + item, 1);
        }
        EMULATOR.emulator().injectFault("Scan", Fault.delay(Duration.ofSeconds(2)), 1);
        AtomicInteger sizeWhenReady = new AtomicInteger(-1);
        try (DynamoDbTableReplica<Map<String, AttributeValue>> replica = DynamoDbTableReplica.builder()
                .dynamoDbClient(dynamoDb).streamsClient(EMULATOR.streamsClient()).tableName("slow-scan")
                .itemMapper(ReplicaTables.IMAGES).scanSegments(1).pollInterval(Duration.ofMillis(50))
                .build()) {
            replica.addListener(new ReplicaListener<>() {
                @Override
                public void onReady() {
                    sizeWhenReady.set(replica.size());
                }
            });
            replica.start();

            assertThat(replica.state()).isEqualTo(ReplicaState.SCANNING);
            assertThat(replica.isReady()).isFalse();
            ReplicaTables.put(dynamoDb, "slow-scan", "written-during-scan", 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> replica.get("written-during-scan") != null);
            assertThat(replica.isReady()).as("an item from the stream, the scan still running").isFalse();
            assertThat(replica.awaitReady(Duration.ofMillis(300))).isFalse();

            assertThat(replica.awaitReady(Duration.ofSeconds(20))).isTrue();
            assertThat(replica.state()).isEqualTo(ReplicaState.READY);
            assertThat(sizeWhenReady).hasValue(11);
            assertThat(ReplicaTables.byId(replica)).isEqualTo(ReplicaTables.scan(dynamoDb, "slow-scan"));
        }
    }

    @Test
    void notReadyUntilARoundAfterTheScanReadsEveryShard() {
        DynamoDbClient dynamoDb = EMULATOR.dynamoDbClient();
        ReplicaTables.create(dynamoDb, "failing-reads");
        ReplicaTables.put(dynamoDb, "failing-reads", "a", 1);
        EMULATOR.emulator().injectFault("Scan", Fault.delay(Duration.ofMillis(500)), 4);
        try (DynamoDbTableReplica<Map<String, AttributeValue>> replica = DynamoDbTableReplica.builder()
                .dynamoDbClient(dynamoDb).streamsClient(EMULATOR.streamsClient()).tableName("failing-reads")
                .itemMapper(ReplicaTables.IMAGES).pollInterval(Duration.ofMillis(50))
                .pollerCustomizer(poller -> poller.apiRetryBackoff(RetryBackoff.noRetry()))
                .build()) {
            replica.start();
            EMULATOR.emulator().injectFault("GetRecords", Fault.internalError(), 1_000_000);

            await().atMost(Duration.ofSeconds(10)).until(() -> replica.state() == ReplicaState.CATCHING_UP);
            assertThat(replica.get("a")).as("scanned").isNotNull();
            assertThat(replica.awaitReady(Duration.ofMillis(500))).as("every round fails a shard").isFalse();

            EMULATOR.emulator().clearFaults();
            assertThat(replica.awaitReady(Duration.ofSeconds(20))).isTrue();
        }
    }

    @Test
    void lagIsTheAgeOfTheNewestChangeWhileBehindAndZeroOnceCaughtUp() {
        DynamoDbClient dynamoDb = EMULATOR.dynamoDbClient();
        ReplicaTables.create(dynamoDb, "lag");
        Clock anHourAhead = Clock.offset(Clock.systemUTC(), Duration.ofHours(1));
        try (DynamoDbTableReplica<Map<String, AttributeValue>> replica = DynamoDbTableReplica.builder()
                .dynamoDbClient(dynamoDb).streamsClient(EMULATOR.streamsClient()).tableName("lag")
                .itemMapper(ReplicaTables.IMAGES).pollInterval(Duration.ofMillis(50)).clock(anHourAhead)
                .pollerCustomizer(poller -> poller.apiRetryBackoff(RetryBackoff.noRetry()))
                .build()) {
            replica.start();
            assertThat(replica.awaitReady(Duration.ofSeconds(20))).isTrue();
            ReplicaTables.put(dynamoDb, "lag", "a", 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> replica.get("a") != null);

            EMULATOR.emulator().injectFault("GetRecords", Fault.internalError(), 1_000_000);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> replica.lag().compareTo(Duration.ofMinutes(59)) > 0);
            assertThat(replica.lag()).isLessThan(Duration.ofMinutes(61));

            EMULATOR.emulator().clearFaults();
            await().atMost(Duration.ofSeconds(10)).until(() -> replica.lag().isZero());
        }
    }
}
