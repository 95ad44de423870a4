package io.github.dynamodbstream.test.checkpoint;

import io.github.dynamodbstream.core.checkpoint.ShardCheckpoint;
import io.github.dynamodbstream.core.checkpoint.ShardStateRepository;
import java.math.BigInteger;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What consumers acknowledged: the highest checkpoint saved per shard through the stores this ledger
 * {@link #recording records}, over every consumer that used them (each restart of a consumer wraps its new store).
 * A test that crashes consumers asks, for a record delivered again after a crash, whether it had been acknowledged:
 * at-least-once delivery repeats only records that were not.
 *
 * <pre>{@code
 * AcknowledgementLedger ledger = new AcknowledgementLedger();
 * DynamoDbStreamPoller poller = DynamoDbStreamPoller.builder()
 *         .shardStateRepository(ledger.recording(new InMemoryShardStateRepository(), crashes))
 *         ...
 * assertThat(ledger.isAcknowledged(record.shardId(), record.sequenceNumber())).isFalse();
 * }</pre>
 *
 * <p>A {@link WriteGuard} decides before each write whether it happens: throwing from it is a consumer that crashed
 * before its checkpoint was written, or one that is dead and writes nothing more. Thread-safe.
 */
public final class AcknowledgementLedger {

    private final Map<String, BigInteger> acknowledged = new ConcurrentHashMap<>();

    /** Whether a checkpoint at or after this record of the shard was saved through one of the recorded stores. */
    public boolean isAcknowledged(String shardId, String sequenceNumber) {
        BigInteger saved = acknowledged.get(shardId);
        return saved != null && saved.compareTo(new BigInteger(sequenceNumber)) >= 0;
    }

    /** {@code store}, whose saves this ledger notes. */
    public ShardStateRepository recording(ShardStateRepository store) {
        return recording(store, checkpoint -> {
        });
    }

    /** {@code store}, whose writes {@code guard} allows or stops, and whose saves this ledger notes. */
    public ShardStateRepository recording(ShardStateRepository store, WriteGuard guard) {
        return new RecordingStore(Objects.requireNonNull(store, "store"), Objects.requireNonNull(guard, "guard"));
    }

    /** Called before each write of a recorded store; a write happens only when the call returns. */
    @FunctionalInterface
    public interface WriteGuard {

        /** Before {@code checkpoint} is saved; throw to stop the save (nothing is then noted). */
        void beforeSave(ShardCheckpoint checkpoint);

        /** Before the checkpoint of {@code shardId} is removed; throw to stop it. Allows every remove by default. */
        default void beforeRemove(String shardId) {
        }
    }

    private final class RecordingStore implements ShardStateRepository {

        private final ShardStateRepository store;
        private final WriteGuard guard;

        RecordingStore(ShardStateRepository store, WriteGuard guard) {
            this.store = store;
            this.guard = guard;
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
            guard.beforeSave(checkpoint);
            store.save(consumerName, streamArn, checkpoint);
            if (checkpoint.sequenceNumber() != null) {
                acknowledged.merge(checkpoint.shardId(), new BigInteger(checkpoint.sequenceNumber()), BigInteger::max);
            }
        }

        @Override
        public void remove(String consumerName, String streamArn, String shardId) {
            guard.beforeRemove(shardId);
            store.remove(consumerName, streamArn, shardId);
        }
    }
}
