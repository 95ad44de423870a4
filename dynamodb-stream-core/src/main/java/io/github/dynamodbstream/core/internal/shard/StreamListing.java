package io.github.dynamodbstream.core.internal.shard;

import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.StreamStatus;

/**
 * Every shard of a stream, from a complete, paged {@code DescribeStream}.
 *
 * @param status the stream's status
 * @param shards the shards, in the order listed
 */
public record StreamListing(StreamStatus status, List<ShardInfo> shards) {
}
