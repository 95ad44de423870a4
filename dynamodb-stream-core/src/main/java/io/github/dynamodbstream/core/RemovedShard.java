package io.github.dynamodbstream.core;

import java.util.Objects;

/**
 * A shard the poller stops reading.
 *
 * @param shardId the shard
 * @param reason why it is no longer read
 */
public record RemovedShard(String shardId, Reason reason) {

    public RemovedShard {
        Objects.requireNonNull(shardId, "shardId");
        Objects.requireNonNull(reason, "reason");
    }

    /** Why a shard is no longer read. */
    public enum Reason {

        /** The shard was closed, read to its end, and every record of it was acknowledged. */
        FINISHED,

        /** The shard left the stream before it was read to its end; a {@link DataLoss} is reported with it. */
        GONE
    }
}
