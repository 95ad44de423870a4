package io.github.dynamodbstream.core.checkpoint;

import io.github.dynamodbstream.core.StartingPosition;
import java.util.Map;

/**
 * Stores the checkpoint of every shard a consumer reads: the sequence number of the last record its listener
 * acknowledged. A checkpoint is keyed by consumer name, stream ARN and shard id.
 *
 * <p>Implementations must be safe for concurrent use by several threads of one poller. Methods added later are
 * {@code default} methods, so existing implementations keep compiling.
 */
public interface ShardStateRepository {

    /**
     * Every checkpoint of one consumer on one stream, read and nothing more: reading claims nothing, so health
     * checks, endpoints and tools may call it while a poller runs.
     *
     * @param consumerName the consumer's name, never {@code null}
     * @param streamArn the stream's ARN, never {@code null}
     * @return the checkpoints by shard id; empty, never {@code null}, when the consumer has none
     */
    Map<String, ShardCheckpoint> load(String consumerName, String streamArn);

    /**
     * Reads every checkpoint of one consumer on one stream and takes them over for this repository instance: from
     * now on it may overwrite checkpoints an earlier run wrote. A poller calls it once, when it starts; a store that
     * guards against two pollers sharing a consumer name (by recording who wrote each checkpoint) authorises only
     * the checkpoints taken over this way, so that a second poller that started later is refused. The default reads
     * with {@link #load}, for stores without such a guard.
     *
     * @param consumerName the consumer's name, never {@code null}
     * @param streamArn the stream's ARN, never {@code null}
     * @return the checkpoints by shard id; empty, never {@code null}, when the consumer has none
     */
    default Map<String, ShardCheckpoint> takeOver(String consumerName, String streamArn) {
        return load(consumerName, streamArn);
    }

    /**
     * Saves a checkpoint. A checkpoint never moves backwards: saving one whose sequence number is lower than the
     * stored one is rejected with {@link CheckpointConflictException}. A checkpoint without a sequence number,
     * finished or not, must be accepted: the poller saves one for each shard a fresh consumer starts at
     * {@link StartingPosition#LATEST}, before it reads anything.
     *
     * @param consumerName the consumer's name, never {@code null}
     * @param streamArn the stream's ARN, never {@code null}
     * @param checkpoint the checkpoint, never {@code null}
     * @throws CheckpointConflictException when another poller with the same consumer name saved a checkpoint
     *         that this one would overwrite
     */
    void save(String consumerName, String streamArn, ShardCheckpoint checkpoint);

    /**
     * Forgets the checkpoint of a shard that has left the stream (its records aged out).
     *
     * @param consumerName the consumer's name, never {@code null}
     * @param streamArn the stream's ARN, never {@code null}
     * @param shardId the shard, never {@code null}
     */
    void remove(String consumerName, String streamArn, String shardId);
}
