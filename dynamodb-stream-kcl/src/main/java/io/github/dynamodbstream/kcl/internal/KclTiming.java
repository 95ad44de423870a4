package io.github.dynamodbstream.kcl.internal;

import java.time.Duration;
import software.amazon.kinesis.coordinator.CoordinatorConfig;
import software.amazon.kinesis.leases.LeaseManagementConfig;

/**
 * Every Kinesis Client Library period derived from the two the user sets.
 *
 * <p>From {@code dynamodb.stream.kcl.failover-time} (F), so that a stopped or crashed instance's shards move within a
 * bound stated in F alone (a stopped instance's within about F/2 + 1 s, a crashed one's within about 1.5 F + 1 s, a
 * crashed leader's within about 3 F + 1 s):
 * <ul>
 *   <li>a lease not renewed for F is expired (KCL renews every F/3);</li>
 *   <li>the leader's lock lasts F and is renewed every F/3 (KCL's defaults: 2 minutes and 30 s, whatever F): another
 *       instance takes over the lock of a leader that died after seeing it unchanged for F;</li>
 *   <li>the leader assigns leases every F/3 (KCL: 2F), and each instance looks for leases assigned to it every
 *       F/6;</li>
 *   <li>each instance reports itself alive every F/4 (KCL: 30 s), so an instance that died counts as gone after
 *       F/2, before its leases expire, and none of them is assigned back to it.</li>
 * </ul>
 *
 * <p>From the stream's {@code poll-interval} (P), so that a shard whose lease was just taken, or whose parent was
 * just read to its end, is read within about P rather than seconds later; neither costs a DynamoDB call unless a
 * child waits for its parent:
 * <ul>
 *   <li>the scheduler's loop, which starts a consumer for each lease taken and moves each consumer from one step to
 *       the next (waiting for the parent, initialising, reading, shutting down at the shard's end), runs every P/10,
 *       from 50 ms to 1 s (KCL: 1 s; a new consumer needs a few of these rounds before its first read, which after a
 *       rotation come on top of the wait for the child's lease);</li>
 *   <li>a child shard whose parent is not yet read to its end looks at the parent's lease again after P (KCL: 10 s;
 *       one {@code GetItem} each time).</li>
 * </ul>
 *
 * @param failover F
 * @param pollInterval P
 */
public record KclTiming(Duration failover, Duration pollInterval) {

    private static final Duration LONGEST_METRICS_CAPTURE = Duration.ofSeconds(1);
    private static final Duration SHORTEST_DISPATCH = Duration.ofMillis(50);
    private static final Duration LONGEST_DISPATCH = Duration.ofSeconds(1);

    public Duration leaderLockDuration() {
        return failover;
    }

    public Duration leaderHeartbeat() {
        return failover.dividedBy(3);
    }

    public Duration assignmentInterval() {
        return failover.dividedBy(3);
    }

    public Duration aliveReportInterval() {
        return failover.dividedBy(4);
    }

    public Duration consumerDispatchInterval() {
        Duration tenth = pollInterval.dividedBy(10);
        return tenth.compareTo(SHORTEST_DISPATCH) < 0 ? SHORTEST_DISPATCH
                : tenth.compareTo(LONGEST_DISPATCH) > 0 ? LONGEST_DISPATCH : tenth;
    }

    public Duration parentShardPollInterval() {
        return pollInterval;
    }

    /** Applies the lease periods to a KCL lease configuration. */
    public LeaseManagementConfig applyTo(LeaseManagementConfig leases) {
        leases.failoverTimeMillis(failover.toMillis())
                .leaseAssignmentIntervalMillis(assignmentInterval().toMillis())
                .dynamoDbLockBasedLeaderLeaseDurationInMillis(leaderLockDuration().toMillis())
                .dynamoDbLockBasedLeaderHeartbeatPeriodInMillis(leaderHeartbeat().toMillis());
        long report = aliveReportInterval().toMillis();
        leases.workerUtilizationAwareAssignmentConfig()
                .disableWorkerMetrics(true)
                .workerMetricsReporterFreqInMillis(report)
                .inMemoryWorkerMetricsCaptureFrequencyMillis(Math.min(LONGEST_METRICS_CAPTURE.toMillis(), report / 2));
        return leases;
    }

    /** Applies the scheduler's periods to a KCL coordinator configuration. */
    public CoordinatorConfig applyTo(CoordinatorConfig coordinator) {
        return coordinator.shardConsumerDispatchPollIntervalMillis(consumerDispatchInterval().toMillis())
                .parentShardPollIntervalMillis(parentShardPollInterval().toMillis());
    }
}
