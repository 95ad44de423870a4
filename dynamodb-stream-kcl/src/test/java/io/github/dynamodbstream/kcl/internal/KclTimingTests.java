package io.github.dynamodbstream.kcl.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.kinesis.coordinator.CoordinatorConfig;
import software.amazon.kinesis.leases.LeaseManagementConfig;

class KclTimingTests {

    private static final Duration FAILOVER = Duration.ofSeconds(9);

    @Test
    void leasePeriodsDeriveFromTheFailoverTime() {
        KclTiming timing = new KclTiming(FAILOVER, Duration.ofSeconds(1));
        LeaseManagementConfig leases = timing.applyTo(
                new LeaseManagementConfig("leases", "app", null, null, "worker"));

        assertThat(leases.failoverTimeMillis()).isEqualTo(9_000);
        assertThat(leases.leaseAssignmentIntervalMillis()).isEqualTo(3_000);
        assertThat(leases.dynamoDbLockBasedLeaderLeaseDurationInMillis()).isEqualTo(9_000);
        assertThat(leases.dynamoDbLockBasedLeaderHeartbeatPeriodInMillis()).isEqualTo(3_000);
        assertThat(leases.workerUtilizationAwareAssignmentConfig().workerMetricsReporterFreqInMillis())
                .isEqualTo(2_250);
        assertThat(leases.workerUtilizationAwareAssignmentConfig().disableWorkerMetrics()).isTrue();
    }

    @Test
    void theSchedulerDispatchesNewConsumersTenTimesAPollIntervalAndAChildLooksAtItsParentEveryPollInterval() {
        CoordinatorConfig coordinator = new KclTiming(FAILOVER, Duration.ofSeconds(1))
                .applyTo(new CoordinatorConfig("app"));

        assertThat(coordinator.shardConsumerDispatchPollIntervalMillis()).isEqualTo(100);
        assertThat(coordinator.parentShardPollIntervalMillis()).isEqualTo(1_000);
    }

    @Test
    void theDispatchIntervalStaysBetween50MillisecondsAndKclsOwnSecond() {
        assertThat(new KclTiming(FAILOVER, Duration.ofMillis(100)).consumerDispatchInterval())
                .isEqualTo(Duration.ofMillis(50));
        assertThat(new KclTiming(FAILOVER, Duration.ofSeconds(20)).consumerDispatchInterval())
                .isEqualTo(Duration.ofSeconds(1));
    }
}
