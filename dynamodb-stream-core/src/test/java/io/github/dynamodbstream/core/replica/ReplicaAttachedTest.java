package io.github.dynamodbstream.core.replica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.dynamodbstream.core.DataLoss;
import io.github.dynamodbstream.core.DynamoDbStreamPoller;
import io.github.dynamodbstream.core.PollResult;
import io.github.dynamodbstream.core.PollerObserver;
import io.github.dynamodbstream.core.StreamListener;
import io.github.dynamodbstream.core.record.ChangeRecord;
import io.github.dynamodbstream.emulator.DynamoDbEmulatorExtension;
import io.github.dynamodbstream.emulator.Fault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A replica fed by a poller the application runs: the application's listener and the replica share one reader per
 * shard, and the replica is told of each round.
 */
class ReplicaAttachedTest {

    @RegisterExtension
    static final DynamoDbEmulatorExtension EMULATOR = DynamoDbEmulatorExtension.create();

    @Test
    void pollerOfTheApplicationFeedsTheReplicaAndItsOwnListener() {
        DynamoDbClient dynamoDb = EMULATOR.dynamoDbClient();
        ReplicaTables.create(dynamoDb, "attached");
        for (int item = 0; item < 10; item++) {
            ReplicaTables.put(dynamoDb, "attached", "item-" + item, 1);
        }
        EMULATOR.emulator().injectFault("Scan", Fault.delay(Duration.ofMillis(300)), 1);
        String streamArn = dynamoDb.describeTable(request -> request.tableName("attached")).table().latestStreamArn();
        DynamoDbTableReplica<Map<String, AttributeValue>> replica = DynamoDbTableReplica.builder()
                .dynamoDbClient(dynamoDb).streamArn(streamArn).itemMapper(ReplicaTables.IMAGES).build();
        replica.attach();
        AtomicInteger heardByTheApplication = new AtomicInteger();
        StreamListener application = new StreamListener() {
            @Override
            public void onInsert(ChangeRecord record) {
                heardByTheApplication.incrementAndGet();
            }

            @Override
            public void onModify(ChangeRecord record) {
                heardByTheApplication.incrementAndGet();
            }
        };
        StreamListener feed = replica.streamListener();
        try (DynamoDbStreamPoller poller = DynamoDbStreamPoller.builder()
                .streamsClient(EMULATOR.streamsClient()).streamArn(streamArn)
                .listener(new StreamListener() {
                    @Override
                    public void onBatch(List<ChangeRecord> records) {
                        feed.onBatch(records);
                        application.onBatch(records);
                    }

                    @Override
                    public void onDataLoss(DataLoss dataLoss) {
                        feed.onDataLoss(dataLoss);
                    }
                })
                .observer(new PollerObserver() {
                    @Override
                    public void roundCompleted(PollResult result, Duration duration) {
                        replica.onRound(result);
                    }
                })
                .build()) {
            poller.fetchStreamState();
            assertThat(replica.state()).isEqualTo(ReplicaState.SCANNING);
            for (int item = 5; item < 15; item++) {
                ReplicaTables.put(dynamoDb, "attached", "item-" + item, 2);
            }

            await().atMost(Duration.ofSeconds(20)).until(() -> {
                poller.fetchStreamState();
                return replica.isReady();
            });
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                poller.fetchStreamState();
                assertThat(ReplicaTables.byId(replica)).isEqualTo(ReplicaTables.scan(dynamoDb, "attached"));
            });
            assertThat(replica.size()).isEqualTo(15);
            assertThat(heardByTheApplication).hasValue(10);

            replica.close();
            ReplicaTables.put(dynamoDb, "attached", "after-close", 1);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                poller.fetchStreamState();
                assertThat(heardByTheApplication).as("the poller goes on without the replica").hasValue(11);
            });
            assertThat(replica.get("after-close")).isNull();
        }
    }

    @Test
    void roundReportedBeforeAttachIsRefused() {
        DynamoDbClient dynamoDb = EMULATOR.dynamoDbClient();
        ReplicaTables.create(dynamoDb, "not-attached");
        DynamoDbTableReplica<?> replica = DynamoDbTableReplica.builder()
                .dynamoDbClient(dynamoDb).tableName("not-attached").build();
        PollResult round = new PollResult(Map.of(), 0, List.of(), List.of(), List.of(), List.of(), 0, 0, true, null);

        assertThatThrownBy(() -> replica.onRound(round)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("attach()");
    }

    @Test
    void dataLossReportedByThePollerStopsTheReplica() {
        DynamoDbClient dynamoDb = EMULATOR.dynamoDbClient();
        ReplicaTables.create(dynamoDb, "lossy");
        DynamoDbTableReplica<?> replica = DynamoDbTableReplica.builder()
                .dynamoDbClient(dynamoDb).tableName("lossy").build();
        replica.attach();

        replica.streamListener().onDataLoss(new DataLoss("shard-1", "100", DataLoss.Reason.TRIMMED));

        assertThat(replica.state()).isEqualTo(ReplicaState.FAILED);
        assertThatThrownBy(() -> replica.awaitReady(Duration.ofSeconds(1)))
                .isInstanceOfSatisfying(ReplicaFailedException.class,
                        e -> assertThat(e.reason()).isEqualTo(ReplicaFailedException.Reason.DATA_LOSS))
                .hasMessageContaining("shard-1").hasMessageContaining("start a new replica");
    }
}
