package io.github.dynamodbstream.core.internal.shard;

import software.amazon.awssdk.services.dynamodb.model.Shard;

/**
 * A shard as {@code DescribeStream} lists it.
 *
 * @param shardId the shard
 * @param parentShardId its parent, or {@code null}
 * @param closed whether the shard is closed (it has an ending sequence number)
 */
public record ShardInfo(String shardId, String parentShardId, boolean closed) {

    static ShardInfo of(Shard shard) {
        boolean closed = shard.sequenceNumberRange() != null
                && shard.sequenceNumberRange().endingSequenceNumber() != null;
        return new ShardInfo(shard.shardId(), shard.parentShardId(), closed);
    }
}
