package io.github.dynamodbstream.core.internal.shard;

import io.github.dynamodbstream.core.checkpoint.ShardCheckpoint;
import io.github.dynamodbstream.core.checkpoint.ShardStateRepository;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The checkpoints of one consumer on one stream: saved to the {@link ShardStateRepository}, and kept in memory for
 * {@code shardState()}. Safe for the poller's threads, one writer per shard.
 */
public final class Checkpoints {

    private final ShardStateRepository repository;
    private final String consumerName;
    private final String streamArn;
    private final Clock clock;
    private final Map<String, ShardCheckpoint> current = new ConcurrentHashMap<>();

    public Checkpoints(ShardStateRepository repository, String consumerName, String streamArn, Clock clock) {
        this.repository = repository;
        this.consumerName = consumerName;
        this.streamArn = streamArn;
        this.clock = clock;
    }

    public String consumerName() {
        return consumerName;
    }

    /** Takes the stored checkpoints over; the poller calls it once, before its first round. */
    public Map<String, ShardCheckpoint> takeOver() {
        Map<String, ShardCheckpoint> stored = repository.takeOver(consumerName, streamArn);
        current.putAll(stored);
        return stored;
    }

    /** Saves a checkpoint; the repository may refuse it with {@code CheckpointConflictException}. */
    public void save(String shardId, String sequenceNumber, boolean finished) {
        ShardCheckpoint checkpoint = new ShardCheckpoint(shardId, sequenceNumber, finished, clock.instant());
        repository.save(consumerName, streamArn, checkpoint);
        current.put(shardId, checkpoint);
    }

    /** Forgets the checkpoint of a shard that left the stream. */
    public void remove(String shardId) {
        repository.remove(consumerName, streamArn, shardId);
        current.remove(shardId);
    }

    /** A copy of the current checkpoints, by shard id. */
    public Map<String, ShardCheckpoint> snapshot() {
        return Map.copyOf(current);
    }
}
