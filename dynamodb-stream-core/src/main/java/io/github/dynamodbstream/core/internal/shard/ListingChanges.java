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
 * @param vanished shards that left the stream before they were read to their end
 */
public record ListingChanges(
        List<String> newShards, List<TrackedShard> skipped, List<TrackedShard> startedAtLatest, List<String> forgotten,
        List<TrackedShard> vanished) {
}
