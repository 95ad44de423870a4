package io.github.dynamodbstream.kcl.internal;

import java.lang.reflect.Field;
import java.util.List;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.kinesis.leases.Lease;
import software.amazon.kinesis.leases.LeaseCoordinator;
import software.amazon.kinesis.leases.LeaseRenewer;
import software.amazon.kinesis.leases.dynamodb.DynamoDBLeaseCoordinator;

/**
 * Two things this module needs from KCL's lease coordinator that it has no public call for, reached by reflection
 * on {@link DynamoDBLeaseCoordinator}; where a KCL release moved them, each falls back to what KCL does alone.
 * <ul>
 *   <li><b>Handing over a lease this instance has just assigned to itself.</b> KCL starts reading a lease assigned
 *       to an instance only once the instance's lease discovery finds it, every {@code failover-time}/6, and hands it
 *       to the coordinator's renewer, whose leases the scheduler reads. This does the same at once: the renewer renews
 *       it from now on, and the scheduler's next loop starts its consumer. It holds the coordinator's lock that a
 *       round of lease discovery holds from its look at the leases held to its hand-over, and hands over only a
 *       lease the renewer does not hold yet: a lease handed over twice gets two concurrency tokens, the scheduler
 *       starts a consumer for each, and the lease is lost by the first checkpoint that finds the other's
 *       counter.</li>
 *   <li><b>Stopping the lease discovery before a graceful shutdown.</b> KCL 3.2's shutdown stops the discovery only
 *       when its lease taker runs (an application migrating from KCL 2), so in a KCL 3 application the discovery
 *       goes on during the shutdown and takes back the leases the shutdown has just handed in (they are still this
 *       instance's in the lease table until it gives them up): the shutdown then waits for record processors started
 *       after it began, until its timeout, and the leases move only once it gave up.</li>
 * </ul>
 */
final class LeaseCoordinatorHooks {

    private static final Logger log = LoggerFactory.getLogger(LeaseCoordinatorHooks.class);
    private static final Field RENEWER = field("leaseRenewer", LeaseRenewer.class);
    private static final Field DISCOVERY = field("leaseDiscoveryFuture", Future.class);
    private static final Field LOCK = field("shutdownLock", Object.class);

    private final Supplier<LeaseCoordinator> coordinator;

    LeaseCoordinatorHooks(Supplier<LeaseCoordinator> coordinator) {
        this.coordinator = coordinator;
    }

    /**
     * Starts renewing a lease that {@code LeaseRefresher.assignLease} has just assigned to this instance (that call
     * updated its owner and counter in place), unless the lease discovery has already handed it over.
     *
     * @return whether the lease is with the renewer; if not, KCL's lease discovery finds it
     */
    boolean handOver(Lease assigned) {
        Object lock = read(LOCK);
        if (!(read(RENEWER) instanceof LeaseRenewer renewer) || lock == null) {
            return false;
        }
        synchronized (lock) {
            if (renewer.getCurrentlyHeldLease(assigned.leaseKey()) == null) {
                assigned.lastCounterIncrementNanos(System.nanoTime());
                renewer.addLeasesToRenew(List.of(assigned));
            }
            return true;
        }
    }

    /**
     * Stops the lease discovery: a round under way ends, no other starts.
     *
     * @return whether it was stopped; if not, it runs until the coordinator stops
     */
    boolean stopLeaseDiscovery() {
        if (!(read(DISCOVERY) instanceof Future<?> discovery)) {
            return false;
        }
        discovery.cancel(false);
        return true;
    }

    private Object read(Field field) {
        if (field == null || !(coordinator.get() instanceof DynamoDBLeaseCoordinator leases)) {
            return null;
        }
        try {
            return field.get(leases);
        } catch (IllegalAccessException | RuntimeException e) {
            log.debug("Cannot read the lease coordinator's {}; KCL goes on alone", field.getName(), e);
            return null;
        }
    }

    private static Field field(String name, Class<?> type) {
        try {
            Field field = DynamoDBLeaseCoordinator.class.getDeclaredField(name);
            field.setAccessible(true);
            return type.isAssignableFrom(field.getType()) ? field : null;
        } catch (NoSuchFieldException | RuntimeException e) {
            log.debug("This KCL release's lease coordinator has no {}; KCL goes on alone", name, e);
            return null;
        }
    }
}
