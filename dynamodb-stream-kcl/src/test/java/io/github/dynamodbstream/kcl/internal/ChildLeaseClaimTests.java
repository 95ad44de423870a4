package io.github.dynamodbstream.kcl.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.kinesis.leases.Lease;
import software.amazon.kinesis.leases.LeaseRefresher;
import software.amazon.kinesis.leases.exceptions.DependencyException;
import software.amazon.kinesis.retrieval.kpl.ExtendedSequenceNumber;

class ChildLeaseClaimTests {

    private static final String ME = "worker-me";
    private static final String OTHER = "worker-other";

    private final LeaseRefresher refresher = mock(LeaseRefresher.class);
    private final DynamoDbAsyncClient dynamoDb = mock(DynamoDbAsyncClient.class);
    private final LeaseCoordinatorHooks handover = mock(LeaseCoordinatorHooks.class);
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final ChildLeaseClaim claim = new ChildLeaseClaim(() -> refresher, handover, dynamoDb, "metrics", ME,
            stopping::get);

    @Test
    void takesTheUnownedChildrenOfTheFinishedShardUpToItsFairShare() throws Exception {
        Lease child1 = lease("c1", null, "p");
        Lease child2 = lease("c2", null, "p");
        leaseTable(finished("p", ME, "c1", "c2"), lease("a", ME), lease("b", OTHER), child1, child2);
        aliveInstances(2);
        when(refresher.assignLease(any(), anyString())).thenReturn(true);

        assertThat(claim.claimChildrenOf("p")).isEqualTo(1);

        verify(refresher).assignLease(child1, ME);
        verify(refresher, never()).assignLease(child2, ME);
        verify(handover).handOver(child1);
        verify(handover, never()).handOver(child2);
    }

    @Test
    void takesEveryChildWhenItIsTheOnlyInstance() throws Exception {
        leaseTable(finished("p", ME, "c1", "c2"), lease("c1", null, "p"), lease("c2", null, "p"));
        aliveInstances(1);
        when(refresher.assignLease(any(), anyString())).thenReturn(true);

        assertThat(claim.claimChildrenOf("p")).isEqualTo(2);
    }

    @Test
    void leavesTheChildrenToTheLeaderWhenItHoldsItsFairShareAlready() throws Exception {
        leaseTable(finished("p", ME, "c1"), lease("a", ME), lease("b", ME), lease("c", OTHER), lease("c1", null, "p"));
        aliveInstances(2);

        assertThat(claim.claimChildrenOf("p")).isZero();

        verify(refresher, never()).assignLease(any(), anyString());
    }

    @Test
    void leavesAChildTheLeaderAssignedAlone() throws Exception {
        leaseTable(finished("p", ME, "c1"), lease("c1", OTHER, "p"));
        aliveInstances(2);

        assertThat(claim.claimChildrenOf("p")).isZero();

        verify(refresher, never()).assignLease(any(), anyString());
    }

    @Test
    void countsAChildAnotherInstanceTookFirstAsNotTaken() throws Exception {
        leaseTable(finished("p", ME, "c1"), lease("c1", null, "p"));
        aliveInstances(1);
        when(refresher.assignLease(any(), anyString())).thenReturn(false);

        assertThat(claim.claimChildrenOf("p")).isZero();
        verify(handover, never()).handOver(any());
    }

    @Test
    void takesNothingWhileThisInstanceStops() throws Exception {
        leaseTable(finished("p", ME, "c1"), lease("c1", null, "p"));
        aliveInstances(1);
        when(refresher.assignLease(any(), anyString())).thenReturn(true);
        stopping.set(true);

        assertThat(claim.claimChildrenOf("p")).isZero();

        verify(refresher, never()).assignLease(any(), anyString());
        verify(handover, never()).handOver(any());
    }

    @Test
    void neverThrowsWhenTheLeaseTableCannotBeRead() throws Exception {
        when(refresher.listLeases()).thenThrow(new DependencyException(new RuntimeException("unreachable")));

        assertThat(claim.claimChildrenOf("p")).isZero();
    }

    private void leaseTable(Lease... leases) throws Exception {
        when(refresher.listLeases()).thenReturn(List.of(leases));
    }

    private void aliveInstances(int count) {
        when(dynamoDb.scan(any(ScanRequest.class)))
                .thenReturn(CompletableFuture.completedFuture(ScanResponse.builder().count(count).build()));
    }

    private static Lease finished(String shardId, String owner, String... children) {
        Lease lease = lease(shardId, owner);
        lease.checkpoint(ExtendedSequenceNumber.SHARD_END);
        lease.childShardIds(Set.of(children));
        return lease;
    }

    private static Lease lease(String shardId, String owner, String... parents) {
        Lease lease = new Lease();
        lease.leaseKey(shardId);
        lease.leaseOwner(owner);
        lease.checkpoint(ExtendedSequenceNumber.TRIM_HORIZON);
        lease.parentShardIds(Set.of(parents));
        return lease;
    }
}
