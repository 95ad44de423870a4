package io.github.dynamodbstream.kcl.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.kinesis.leases.Lease;
import software.amazon.kinesis.leases.LeaseRefresher;

/**
 * Tells the other instances that this one is gone, once its scheduler stopped and no record processor runs any
 * more, so that its shards move at the leader's next assignment round instead of after their leases expired: the
 * instance's row in the worker-metrics table is deleted (the leader no longer counts it as alive and assigns it
 * nothing), then each lease it still owns is evicted (owner removed, on the condition that it still is this
 * instance). Checkpoints are untouched: the next owner resumes after the last one.
 */
final class WorkerDeparture {

    private static final Logger log = LoggerFactory.getLogger(WorkerDeparture.class);
    private static final String WORKER_ID_ATTRIBUTE = "wid";
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    private final DynamoDbAsyncClient dynamoDb;
    private final String workerMetricsTable;
    private final String workerId;

    WorkerDeparture(DynamoDbAsyncClient dynamoDb, String workerMetricsTable, String workerId) {
        this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
        this.workerMetricsTable = Objects.requireNonNull(workerMetricsTable, "workerMetricsTable");
        this.workerId = Objects.requireNonNull(workerId, "workerId");
    }

    /**
     * Leaves the fleet; never throws: whatever is not done here happens anyway once the leases expire.
     *
     * @param leases the lease table of the stopped scheduler
     * @return the number of leases given up
     */
    int leave(LeaseRefresher leases) {
        try {
            dynamoDb.deleteItem(request -> request.tableName(workerMetricsTable)
                            .key(Map.of(WORKER_ID_ATTRIBUTE, AttributeValue.fromS(workerId))))
                    .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            List<Lease> owned = leases.listLeases().stream()
                    .filter(lease -> workerId.equals(lease.leaseOwner()))
                    .filter(lease -> lease.checkpoint() == null || !lease.checkpoint().isShardEnd())
                    .toList();
            int released = 0;
            for (Lease lease : owned) {
                if (leases.evictLease(lease)) {
                    released++;
                }
            }
            return released;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } catch (Exception e) {
            log.info("Could not give up the leases of worker {} at once ({}); they move to other instances once they "
                    + "expire", workerId, e.toString());
            return 0;
        }
    }
}
