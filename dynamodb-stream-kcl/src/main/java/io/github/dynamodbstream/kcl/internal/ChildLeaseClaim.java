package io.github.dynamodbstream.kcl.internal;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.kinesis.leases.Lease;
import software.amazon.kinesis.leases.LeaseRefresher;

/**
 * Takes the leases of a finished shard's children for the instance that read it to its end, up to its fair share of
 * the open leases. KCL creates a child's lease, without an owner, when its parent ends; left alone it waits for the
 * leader's next assignment round (every {@code failover-time}/3) and then for its owner's next look for leases
 * assigned to it (every {@code failover-time}/6). Assigned here at once and handed to the scheduler
 * ({@link LeaseCoordinatorHooks#handOver}), it is read on the scheduler's next loop.
 *
 * <p>The fair share is the open leases (those not read to their end) divided by the instances alive (the rows of the
 * worker-metrics table, where each instance reports itself), rounded up: an instance that holds more than that leaves
 * its children to the leader, which gives them to the others, so a rotation still spreads the shards over the fleet.
 * Each assignment is conditional on the lease still having no owner, so a lease the leader assigned meanwhile stays
 * where it went. It costs one Scan of the lease table and one of the worker-metrics table per shard read to its end.
 */
final class ChildLeaseClaim {

    private static final Logger log = LoggerFactory.getLogger(ChildLeaseClaim.class);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    private final Supplier<LeaseRefresher> leases;
    private final LeaseCoordinatorHooks handover;
    private final DynamoDbAsyncClient dynamoDb;
    private final String workerMetricsTable;
    private final String workerId;
    private final BooleanSupplier stopping;

    ChildLeaseClaim(Supplier<LeaseRefresher> leases, LeaseCoordinatorHooks handover, DynamoDbAsyncClient dynamoDb,
            String workerMetricsTable, String workerId, BooleanSupplier stopping) {
        this.leases = leases;
        this.handover = Objects.requireNonNull(handover, "handover");
        this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
        this.workerMetricsTable = Objects.requireNonNull(workerMetricsTable, "workerMetricsTable");
        this.workerId = Objects.requireNonNull(workerId, "workerId");
        this.stopping = Objects.requireNonNull(stopping, "stopping");
    }

    /**
     * Assigns the children of a shard whose end was just checkpointed to this instance, where they have no owner yet
     * and this instance holds less than its fair share. Never throws: a child this leaves is assigned by the leader.
     * One claim at a time: the shards of a rotation end together, and each claim must see what the one before it took,
     * or every one of them would find this instance below its share and take its children. An instance that is
     * stopping takes nothing: a lease handed to its scheduler then would start a record processor in the middle of
     * the shutdown, which waits for it.
     *
     * @return how many children were assigned to this instance
     */
    synchronized int claimChildrenOf(String shardId) {
        if (stopping.getAsBoolean()) {
            return 0;
        }
        LeaseRefresher refresher = leases.get();
        try {
            List<Lease> all = refresher.listLeases();
            List<String> children = all.stream().filter(lease -> lease.leaseKey().equals(shardId)).findFirst()
                    .map(lease -> List.copyOf(lease.childShardIds())).orElse(List.of());
            if (children.isEmpty()) {
                return 0;
            }
            List<Lease> open = all.stream()
                    .filter(lease -> lease.checkpoint() == null || !lease.checkpoint().isShardEnd()).toList();
            long held = open.stream().filter(lease -> workerId.equals(lease.leaseOwner())).count();
            long fairShare = -Math.floorDiv(-open.size(), aliveInstances());
            int claimed = 0;
            for (Lease child : open) {
                if (held >= fairShare) {
                    break;
                }
                if (children.contains(child.leaseKey()) && child.leaseOwner() == null
                        && refresher.assignLease(child, workerId)) {
                    handover.handOver(child);
                    claimed++;
                    held++;
                }
            }
            log.debug("Took {} of the {} child lease(s) of finished shard {} (fair share {})", claimed,
                    children.size(), shardId, fairShare);
            return claimed;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } catch (Exception e) {
            log.debug("Could not take the child leases of finished shard {}; the leader assigns them", shardId, e);
            return 0;
        }
    }

    private int aliveInstances() throws Exception {
        Integer rows = dynamoDb.scan(ScanRequest.builder().tableName(workerMetricsTable).select(Select.COUNT).build())
                .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).count();
        return Math.max(1, rows == null ? 0 : rows);
    }
}
