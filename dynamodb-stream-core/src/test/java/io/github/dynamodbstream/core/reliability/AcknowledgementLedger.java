package io.github.dynamodbstream.core.reliability;

import io.github.dynamodbstream.core.checkpoint.ShardCheckpoint;
import io.github.dynamodbstream.core.checkpoint.ShardStateRepository;
import java.math.BigInteger;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Wraps the checkpoint store of a campaign: remembers the highest checkpoint saved per shard (what was acknowledged),
 * and can crash once on a save, after the listener returned and before the checkpoint is written.
 */
final class AcknowledgementLedger implements ShardStateRepository {

    private final Map<String, BigInteger> acknowledged = new ConcurrentHashMap<>();
    private final AtomicBoolean crashOnNextSave = new AtomicBoolean();
    private final AtomicInteger crashes = new AtomicInteger();
    private volatile ShardStateRepository store;

    AcknowledgementLedger(ShardStateRepository store) {
        this.store = store;
    }

    /** The store of the next consumer generation (a restarted process builds its repository anew). */
    void store(ShardStateRepository store) {
        this.store = store;
    }

    void crashOnNextSave() {
        crashOnNextSave.set(true);
    }

    void disarm() {
        crashOnNextSave.set(false);
    }

    int crashes() {
        return crashes.get();
    }

    /** Whether a checkpoint at or after this record was saved. */
    boolean isAcknowledged(String shardId, String sequenceNumber) {
        BigInteger saved = acknowledged.get(shardId);
        return saved != null && saved.compareTo(new BigInteger(sequenceNumber)) >= 0;
    }

    @Override
    public Map<String, ShardCheckpoint> load(String consumerName, String streamArn) {
        return store.load(consumerName, streamArn);
    }

    @Override
    public Map<String, ShardCheckpoint> takeOver(String consumerName, String streamArn) {
        return store.takeOver(consumerName, streamArn);
    }

    @Override
    public void save(String consumerName, String streamArn, ShardCheckpoint checkpoint) {
        if (checkpoint.sequenceNumber() != null && crashOnNextSave.compareAndSet(true, false)) {
            crashes.incrementAndGet();
            throw new SimulatedCrash("before the checkpoint of shard " + checkpoint.shardId() + " was saved");
        }
        store.save(consumerName, streamArn, checkpoint);
        if (checkpoint.sequenceNumber() != null) {
            acknowledged.merge(checkpoint.shardId(), new BigInteger(checkpoint.sequenceNumber()), BigInteger::max);
        }
    }

    @Override
    public void remove(String consumerName, String streamArn, String shardId) {
        store.remove(consumerName, streamArn, shardId);
    }
}
