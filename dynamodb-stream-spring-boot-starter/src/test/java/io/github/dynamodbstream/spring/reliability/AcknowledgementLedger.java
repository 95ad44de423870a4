package io.github.dynamodbstream.spring.reliability;

import io.github.dynamodbstream.core.checkpoint.ShardCheckpoint;
import io.github.dynamodbstream.core.checkpoint.ShardStateRepository;
import java.math.BigInteger;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the campaign's consumers acknowledged: the highest checkpoint written to the store per shard, over every
 * generation. Each generation's checkpoint store (the one the starter configured) is {@link #guard guarded}: its
 * writes are noted here, and refused once the generation is dead.
 */
final class AcknowledgementLedger {

    private final Map<String, BigInteger> acknowledged = new ConcurrentHashMap<>();

    /** Whether a checkpoint at or after this record was written. */
    boolean isAcknowledged(String shardId, String sequenceNumber) {
        BigInteger saved = acknowledged.get(shardId);
        return saved != null && saved.compareTo(new BigInteger(sequenceNumber)) >= 0;
    }

    ShardStateRepository guard(ShardStateRepository store, Generation generation) {
        return new GuardedStore(store, generation);
    }

    private final class GuardedStore implements ShardStateRepository {

        private final ShardStateRepository store;
        private final Generation generation;

        GuardedStore(ShardStateRepository store, Generation generation) {
            this.store = store;
            this.generation = generation;
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
            if (checkpoint.sequenceNumber() != null && generation.takeCrashOnSave()) {
                generation.die();
                throw new SimulatedCrash("before the checkpoint of shard " + checkpoint.shardId() + " was written");
            }
            if (generation.isDead()) {
                throw new SimulatedCrash("(a dead consumer writes no checkpoint)");
            }
            store.save(consumerName, streamArn, checkpoint);
            if (checkpoint.sequenceNumber() != null) {
                acknowledged.merge(checkpoint.shardId(), new BigInteger(checkpoint.sequenceNumber()), BigInteger::max);
            }
        }

        @Override
        public void remove(String consumerName, String streamArn, String shardId) {
            if (generation.isDead()) {
                throw new SimulatedCrash("(a dead consumer removes no checkpoint)");
            }
            store.remove(consumerName, streamArn, shardId);
        }
    }
}
