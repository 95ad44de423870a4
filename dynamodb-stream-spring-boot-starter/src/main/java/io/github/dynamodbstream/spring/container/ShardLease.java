package io.github.dynamodbstream.spring.container;

import java.util.List;

/**
 * One shard's row in a stream's lease table, as read from it (see {@link DynamoDbStreamContainer#leaseTable}).
 *
 * @param shardId the shard
 * @param owner the worker id of the instance holding the lease; {@code null} when nobody holds it (given up, or
 *     not yet assigned)
 * @param checkpoint where the shard's reading resumes: the sequence number of the last record checkpointed, or
 *     {@code TRIM_HORIZON} or {@code LATEST} before the first checkpoint, or {@code SHARD_END} once a closed shard
 *     was read to its end; {@code null} when the lease has none
 * @param parentShardIds the shards this one was split or rotated from, read to their end before it is read; sorted
 * @param leaseCounter incremented at each renewal and each change of owner: a counter that stops moving means the
 *     owner stopped renewing
 * @param ownedHere whether the owner is this instance
 */
public record ShardLease(String shardId, String owner, String checkpoint, List<String> parentShardIds,
        long leaseCounter, boolean ownedHere) {

    public ShardLease {
        parentShardIds = List.copyOf(parentShardIds);
    }
}
