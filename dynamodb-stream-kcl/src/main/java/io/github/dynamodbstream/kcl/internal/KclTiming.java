package io.github.dynamodbstream.kcl.internal;

import java.time.Duration;
import software.amazon.kinesis.leases.LeaseManagementConfig;

/**
 * Every Kinesis Client Library period derived from the one the user sets, {@code dynamodb.stream.kcl.failover-time}
 * (F), so that a stopped or crashed instance's shards move within a bound stated in F alone (a stopped instance's
 * within about F/2 + 1 s, a crashed one's within about 1.5 F + 1 s, a crashed leader's within about 3 F + 1 s):
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
 * @param failover F
 */
public record KclTiming(Duration failover) {

    private static final Duration LONGEST_METRICS_CAPTURE = Duration.ofSeconds(1);

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

    /** Applies these periods to a KCL lease configuration. */
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
}
