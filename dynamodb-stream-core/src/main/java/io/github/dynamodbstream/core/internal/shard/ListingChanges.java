package io.github.dynamodbstream.core.internal.shard;

import java.util.List;

/**
 * What a full listing changed in a {@link ShardTracker}.
 *
 * @param newShards shards tracked from now on, to be read
 * @param skipped closed shards a fresh consumer starting at LATEST will never read
 * @param startedAtLatest open shards a fresh consumer starts at LATEST: each gets a checkpoint without a sequence
 *        number, so that a restart before anything was acknowledged is not fresh again and reads them from
 *        TRIM_HORIZON instead of skipping what was written meanwhile
 * @param forgotten finished shards that left the stream: their checkpoints can go
 * @param vanished shards that left the stream before they were read to their end (while the poller ran, or while
 *        it was down: a stored checkpoint that is not finished and whose shard is no longer listed)
 */
public record ListingChanges(
        List<String> newShards, List<TrackedShard> skipped, List<TrackedShard> startedAtLatest, List<String> forgotten,
        List<VanishedShard> vanished) {

    /**
     * A shard that left the stream before it was read to its end.
     *
     * @param shardId the shard
     * @param checkpoint the sequence number of the last record acknowledged in it, or {@code null}
     */
    public record VanishedShard(String shardId, String checkpoint) {
    }
}
