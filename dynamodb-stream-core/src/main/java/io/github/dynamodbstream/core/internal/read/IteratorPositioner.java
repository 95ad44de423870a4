package io.github.dynamodbstream.core.internal.read;

import io.github.dynamodbstream.core.internal.api.StreamApi;
import io.github.dynamodbstream.core.internal.shard.TrackedShard;
import software.amazon.awssdk.services.dynamodb.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;

/**
 * Asks for the iterator a shard reads on with: at a batch to deliver again, from the oldest record after a trim,
 * after the checkpoint ({@code AFTER_SEQUENCE_NUMBER}), or at the shard's initial position. Iterators live in memory
 * only; a checkpoint is always a sequence number.
 */
record IteratorPositioner(StreamApi api, String streamArn) {

    /** A new iterator for the shard, or {@code null} when the shard has nothing more to read. */
    String position(TrackedShard shard) {
        GetShardIteratorRequest.Builder request =
                GetShardIteratorRequest.builder().streamArn(streamArn).shardId(shard.shardId());
        if (shard.replayFrom() != null) {
            request.shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER).sequenceNumber(shard.replayFrom());
        } else if (shard.fromTrimHorizon()) {
            request.shardIteratorType(ShardIteratorType.TRIM_HORIZON);
        } else if (shard.checkpoint() != null) {
            request.shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(shard.checkpoint());
        } else {
            request.shardIteratorType(shard.initialPosition());
        }
        return api.getShardIterator(request.build()).shardIterator();
    }
}
