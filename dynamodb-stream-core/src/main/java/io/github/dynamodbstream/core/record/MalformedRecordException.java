package io.github.dynamodbstream.core.record;

import io.github.dynamodbstream.core.DynamoDbStreamException;

/**
 * A stream record could not be read: its {@code eventName} is unknown, or a part every record carries is missing.
 * The message names the shard and the sequence number (when the record has one), so the record can be found again.
 */
public class MalformedRecordException extends DynamoDbStreamException {

    private final String shardId;
    private final String sequenceNumber;

    public MalformedRecordException(String shardId, String sequenceNumber, String problem) {
        this(shardId, sequenceNumber, problem, null);
    }

    public MalformedRecordException(String shardId, String sequenceNumber, String problem, Throwable cause) {
        super("Malformed stream record in shard " + shardId + " at sequence number "
                + (sequenceNumber == null ? "(none)" : sequenceNumber) + ": " + problem, cause);
        this.shardId = shardId;
        this.sequenceNumber = sequenceNumber;
    }

    /** The shard the record was read from. */
    public String shardId() {
        return shardId;
    }

    /** The record's sequence number, or {@code null} when the record has none. */
    public String sequenceNumber() {
        return sequenceNumber;
    }
}
