package io.github.dynamodbstream.core.checkpoint;

import io.github.dynamodbstream.core.dynamodb.DynamoDbShardStateRepository;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps checkpoints in this JVM's memory: they are lost when it stops, so a restarted poller begins again at its
 * start position. Fine for tests, and for consumers that rebuild their state from the start of the stream on
 * every start; use {@link DynamoDbShardStateRepository} to resume where a previous run stopped.
 *
 * <p>Thread-safe. As with every repository, a checkpoint never moves backwards: saving one that lies before the
 * stored one throws {@link CheckpointConflictException}; saving the same one again is allowed.
 */
public final class InMemoryShardStateRepository implements ShardStateRepository {

    private final Map<Stream, Map<String, ShardCheckpoint>> checkpoints = new ConcurrentHashMap<>();

    @Override
    public Map<String, ShardCheckpoint> load(String consumerName, String streamArn) {
        Map<String, ShardCheckpoint> shards = checkpoints.get(new Stream(consumerName, streamArn));
        return shards == null ? Map.of() : Map.copyOf(shards);
    }

    @Override
    public void save(String consumerName, String streamArn, ShardCheckpoint checkpoint) {
        Objects.requireNonNull(checkpoint, "checkpoint");
        checkpoints.compute(new Stream(consumerName, streamArn), (stream, shards) -> {
            Map<String, ShardCheckpoint> updated = shards == null ? new ConcurrentHashMap<>() : shards;
            ShardCheckpoint stored = updated.get(checkpoint.shardId());
            if (stored != null && stored.isAfter(checkpoint)) {
                throw new CheckpointConflictException("Checkpoint of consumer '" + consumerName + "' on stream "
                        + streamArn + ", shard " + checkpoint.shardId() + " would move backwards from "
                        + stored.describePosition() + " to " + checkpoint.describePosition() + ". A checkpoint only moves forwards: "
                        + "check that no two pollers share this repository and consumer name.");
            }
            updated.put(checkpoint.shardId(), checkpoint);
            return updated;
        });
    }

    @Override
    public void remove(String consumerName, String streamArn, String shardId) {
        Objects.requireNonNull(shardId, "shardId");
        checkpoints.computeIfPresent(new Stream(consumerName, streamArn), (stream, shards) -> {
            shards.remove(shardId);
            return shards.isEmpty() ? null : shards;
        });
    }

    private record Stream(String consumerName, String streamArn) {

        Stream {
            Objects.requireNonNull(consumerName, "consumerName");
            Objects.requireNonNull(streamArn, "streamArn");
        }
    }
}
