package io.github.dynamodbstream.benchmarks.contender;

import io.github.dynamodbstream.kcl.KclStreamObserver;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The shards whose lease a Kinesis Client Library worker holds now, from what its record processors report. */
final class LeaseCounter implements KclStreamObserver {

    private final Set<String> held = ConcurrentHashMap.newKeySet();

    @Override
    public void leaseTaken(String stream, String shardId) {
        held.add(shardId);
    }

    @Override
    public void leaseReleased(String stream, String shardId) {
        held.remove(shardId);
    }

    int held() {
        return held.size();
    }

    List<String> heldShards() {
        return held.stream().sorted().toList();
    }
}
