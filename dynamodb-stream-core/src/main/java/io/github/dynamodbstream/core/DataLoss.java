package io.github.dynamodbstream.core;

import java.util.Objects;

/**
 * Records of a shard that were removed from the stream before the poller could read them. The poller never skips
 * records on its own: every loss is reported to {@link StreamListener#onDataLoss(DataLoss)}, to the log at WARN, and
 * to {@link PollerObserver#dataLoss(DataLoss)}.
 *
 * @param shardId the shard
 * @param afterSequenceNumber the sequence number of the last record acknowledged in that shard; records after it
 *        may be lost. {@code null} when none was acknowledged: records from the shard's start may be lost
 * @param reason how the loss was detected
 */
public record DataLoss(String shardId, String afterSequenceNumber, Reason reason) {

    public DataLoss {
        Objects.requireNonNull(shardId, "shardId");
        Objects.requireNonNull(reason, "reason");
    }

    /** How a loss was detected. */
    public enum Reason {

        /**
         * The stream answered {@code TrimmedDataAccessException}: the records after the checkpoint are older than
         * the stream's retention (24 hours). Reading continues from the oldest record still held.
         */
        TRIMMED,

        /** The shard left the stream (or the stream answered {@code ResourceNotFoundException} for it) before it
         * was read to its end. */
        SHARD_GONE
    }
}
