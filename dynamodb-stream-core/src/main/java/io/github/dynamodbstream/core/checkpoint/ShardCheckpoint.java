package io.github.dynamodbstream.core.checkpoint;

import io.github.dynamodbstream.core.StartingPosition;
import io.github.dynamodbstream.core.internal.record.SequenceNumbers;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;

/**
 * Where a consumer stands in one shard.
 *
 * @param shardId the shard
 * @param sequenceNumber the sequence number of the last record acknowledged, or {@code null} when none was: a
 *        finished shard that held no records, or a shard a fresh consumer started at
 *        {@link StartingPosition#LATEST} and has not acknowledged a record of yet (a restart reads such a shard
 *        from its oldest record)
 * @param finished whether the shard was closed and read to its end; a finished shard is never read again
 * @param updatedAt when the checkpoint was taken
 */
public record ShardCheckpoint(String shardId, String sequenceNumber, boolean finished, Instant updatedAt) {

    public ShardCheckpoint {
        Objects.requireNonNull(shardId, "shardId");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (sequenceNumber != null && !SequenceNumbers.isValid(sequenceNumber)) {
            throw new IllegalArgumentException(
                    "A sequence number is a non-empty string of digits, got '" + sequenceNumber + "' for shard " + shardId);
        }
    }

    /**
     * The position in words, for messages: {@code sequence number 42}, {@code no sequence number}, with
     * {@code (finished)} after a finished shard's.
     */
    public String describePosition() {
        String position = sequenceNumber == null ? "no sequence number" : "sequence number " + sequenceNumber;
        return finished ? position + " (finished)" : position;
    }

    /** Whether this checkpoint lies after the other one in the shard (a higher sequence number). */
    public boolean isAfter(ShardCheckpoint other) {
        if (other.sequenceNumber == null) {
            return sequenceNumber != null || (finished && !other.finished);
        }
        if (sequenceNumber == null) {
            return false;
        }
        int order = new BigInteger(sequenceNumber).compareTo(new BigInteger(other.sequenceNumber));
        return order > 0 || (order == 0 && finished && !other.finished);
    }
}
