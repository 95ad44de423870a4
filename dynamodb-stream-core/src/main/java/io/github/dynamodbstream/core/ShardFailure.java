package io.github.dynamodbstream.core;

import java.util.Objects;

/**
 * A shard that could not be read to the end of a round. It keeps its position and is read again in the next round.
 *
 * @param shardId the shard
 * @param reason what went wrong, for people
 * @param cause the exception, or {@code null}
 */
public record ShardFailure(String shardId, String reason, Throwable cause) {

    public ShardFailure {
        Objects.requireNonNull(shardId, "shardId");
        Objects.requireNonNull(reason, "reason");
    }
}
