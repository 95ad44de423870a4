package io.github.dynamodbstream.kcl.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockingDetails;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import software.amazon.kinesis.coordinator.MigrationAdaptiveLeaseAssignmentModeProvider;
import software.amazon.kinesis.coordinator.MigrationAdaptiveLeaseAssignmentModeProvider.LeaseAssignmentMode;
import software.amazon.kinesis.leases.Lease;
import software.amazon.kinesis.leases.LeaseCoordinator;
import software.amazon.kinesis.leases.LeaseManagementConfig.GracefulLeaseHandoffConfig;
import software.amazon.kinesis.leases.LeaseManagementConfig.WorkerUtilizationAwareAssignmentConfig;
import software.amazon.kinesis.leases.LeaseRefresher;
import software.amazon.kinesis.leases.ShardInfo;
import software.amazon.kinesis.leases.dynamodb.DynamoDBLeaseCoordinator;
import software.amazon.kinesis.metrics.NullMetricsFactory;
import software.amazon.kinesis.retrieval.kpl.ExtendedSequenceNumber;

class LeaseCoordinatorHooksTests {

    private static final String ME = "worker-me";

    @Test
    void theSchedulerSeesAClaimedLeaseAtOnceWithoutWaitingForLeaseDiscovery() {
        DynamoDBLeaseCoordinator coordinator = coordinator(mock(LeaseRefresher.class), 3_333);
        Lease child = claimed("child-1");

        assertThat(new LeaseCoordinatorHooks(() -> coordinator).handOver(child)).isTrue();

        assertThat(coordinator.getCurrentlyHeldLease("child-1")).isNotNull()
                .satisfies(held -> assertThat(held.leaseOwner()).isEqualTo(ME))
                .satisfies(held -> assertThat(held.leaseCounter()).isEqualTo(4L));
        assertThat(coordinator.getCurrentAssignments()).extracting(ShardInfo::shardId).containsExactly("child-1");
    }

    @Test
    void aLeaseAlreadyHandedOverKeepsItsConcurrencyTokenAndSoItsOneConsumer() {
        DynamoDBLeaseCoordinator coordinator = coordinator(mock(LeaseRefresher.class), 3_333);
        LeaseCoordinatorHooks hooks = new LeaseCoordinatorHooks(() -> coordinator);
        hooks.handOver(claimed("child-1"));
        UUID token = coordinator.getCurrentlyHeldLease("child-1").concurrencyToken();

        assertThat(hooks.handOver(claimed("child-1"))).isTrue();

        assertThat(coordinator.getCurrentlyHeldLease("child-1").concurrencyToken()).isEqualTo(token);
        assertThat(coordinator.getCurrentAssignments()).extracting(ShardInfo::concurrencyToken)
                .containsExactly(token.toString());
    }

    @Test
    void aHandOverWaitsForTheRoundOfLeaseDiscoveryUnderWayAndLeavesTheLeaseItFoundAlone() throws Exception {
        LeaseRefresher refresher = mock(LeaseRefresher.class);
        AtomicBoolean assigned = new AtomicBoolean();
        CountDownLatch discovering = new CountDownLatch(1);
        CountDownLatch goOn = new CountDownLatch(1);
        when(refresher.listLeaseKeysForWorker(ME)).thenAnswer(call -> {
            if (!assigned.get()) {
                return List.of();
            }
            discovering.countDown();
            goOn.await(10, TimeUnit.SECONDS);
            return List.of("child-1");
        });
        when(refresher.getLease("child-1")).thenAnswer(call -> claimed("child-1"));
        when(refresher.renewLease(any())).thenReturn(true);
        DynamoDBLeaseCoordinator coordinator = coordinator(refresher, 100);
        LeaseCoordinatorHooks hooks = new LeaseCoordinatorHooks(() -> coordinator);
        coordinator.start(kcl3());
        try {
            assigned.set(true);
            assertThat(discovering.await(10, TimeUnit.SECONDS)).isTrue();

            CompletableFuture<Boolean> handOver = CompletableFuture.supplyAsync(() -> hooks.handOver(claimed("child-1")));

            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !handOver.isDone());
            goOn.countDown();
            assertThat(handOver.get(10, TimeUnit.SECONDS)).isTrue();
            UUID token = coordinator.getCurrentlyHeldLease("child-1").concurrencyToken();
            long seen = discoveries(refresher);
            await().atMost(Duration.ofSeconds(10)).until(() -> discoveries(refresher) >= seen + 2);
            assertThat(coordinator.getCurrentAssignments()).extracting(ShardInfo::concurrencyToken)
                    .containsExactly(token.toString());
        } finally {
            goOn.countDown();
            coordinator.stop();
        }
    }

    @Test
    void leavesTheLeaseToLeaseDiscoveryWithAnotherKindOfCoordinator() {
        LeaseCoordinator other = mock(LeaseCoordinator.class);

        assertThat(new LeaseCoordinatorHooks(() -> other).handOver(claimed("child-1"))).isFalse();
    }

    @Test
    void noLeaseDiscoveryStartsOnceItWasStoppedInAKcl3Application() throws Exception {
        LeaseRefresher refresher = mock(LeaseRefresher.class);
        DynamoDBLeaseCoordinator coordinator = coordinator(refresher, 100);
        coordinator.start(kcl3());
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> discoveries(refresher) >= 2);
            coordinator.stopLeaseTaker();

            assertThat(new LeaseCoordinatorHooks(() -> coordinator).stopLeaseDiscovery()).isTrue();

            long stoppedAt = discoveries(refresher);
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                    .until(() -> discoveries(refresher) <= stoppedAt + 1);
        } finally {
            coordinator.stop();
        }
    }

    /** The lease assignment of a KCL 3 application, where each instance discovers the leases assigned to it. */
    private static MigrationAdaptiveLeaseAssignmentModeProvider kcl3() {
        MigrationAdaptiveLeaseAssignmentModeProvider kcl3 = mock(MigrationAdaptiveLeaseAssignmentModeProvider.class);
        when(kcl3.dynamicModeChangeSupportNeeded()).thenReturn(false);
        when(kcl3.getLeaseAssignmentMode()).thenReturn(LeaseAssignmentMode.WORKER_UTILIZATION_AWARE_ASSIGNMENT);
        return kcl3;
    }

    /** How often the lease discovery, every 25 ms here, asked for the leases assigned to this instance. */
    private static long discoveries(LeaseRefresher refresher) {
        return mockingDetails(refresher).getInvocations().stream()
                .filter(call -> call.getMethod().getName().equals("listLeaseKeysForWorker")).count();
    }

    private static DynamoDBLeaseCoordinator coordinator(LeaseRefresher refresher, long assignmentIntervalMillis) {
        return new DynamoDBLeaseCoordinator(refresher, ME, 10_000, false, 25, Integer.MAX_VALUE, 1, 2, 10, 10,
                new NullMetricsFactory(), new WorkerUtilizationAwareAssignmentConfig(),
                GracefulLeaseHandoffConfig.builder().build(), new ConcurrentHashMap<>(), assignmentIntervalMillis);
    }

    private static Lease claimed(String shardId) {
        Lease lease = new Lease();
        lease.leaseKey(shardId);
        lease.leaseOwner(ME);
        lease.leaseCounter(4L);
        lease.checkpoint(ExtendedSequenceNumber.TRIM_HORIZON);
        lease.parentShardIds(Set.of("parent"));
        return lease;
    }
}
