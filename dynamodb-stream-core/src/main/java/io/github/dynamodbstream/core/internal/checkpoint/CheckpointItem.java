package io.github.dynamodbstream.core.internal.checkpoint;

import io.github.dynamodbstream.core.checkpoint.ShardCheckpoint;
import java.math.BigInteger;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The layout of one checkpoint in the checkpoint table, schema version {@value #SCHEMA_VERSION}.
 *
 * <p>{@code position} orders checkpoints as {@link ShardCheckpoint#isAfter} does, as a string DynamoDB compares
 * byte by byte: the sequence number's digit count (three digits), the digits without leading zeros, and {@code F}
 * when the shard is finished. Sequence numbers differ in length, so comparing them as strings would be wrong, and
 * they may exceed the 38 digits of a DynamoDB number.
 */
public record CheckpointItem(
        String consumerStream,
        String consumerName,
        String streamArn,
        ShardCheckpoint checkpoint,
        String owner) {

    public static final int SCHEMA_VERSION = 1;

    public static final String CONSUMER_STREAM = "consumerStream";
    public static final String SHARD_ID = "shardId";
    public static final String CONSUMER_NAME = "consumerName";
    public static final String STREAM_ARN = "streamArn";
    public static final String SEQUENCE_NUMBER = "sequenceNumber";
    public static final String POSITION = "position";
    public static final String FINISHED = "finished";
    public static final String UPDATED_AT = "updatedAt";
    public static final String OWNER = "owner";
    public static final String SCHEMA_VERSION_ATTRIBUTE = "schemaVersion";

    /** The partition key of one consumer's checkpoints on one stream; no stream ARN contains {@code |}. */
    public static String consumerStream(String consumerName, String streamArn) {
        return consumerName + "|" + streamArn;
    }

    /** The sortable position of a checkpoint, see the class comment. */
    public static String position(ShardCheckpoint checkpoint) {
        String digits = checkpoint.sequenceNumber() == null
                ? "" : new BigInteger(checkpoint.sequenceNumber()).toString();
        return String.format("%03d", digits.length()) + digits + (checkpoint.finished() ? "F" : "");
    }

    /** The item to write. */
    public Map<String, AttributeValue> toItem() {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(CONSUMER_STREAM, s(consumerStream));
        item.put(SHARD_ID, s(checkpoint.shardId()));
        item.put(CONSUMER_NAME, s(consumerName));
        item.put(STREAM_ARN, s(streamArn));
        if (checkpoint.sequenceNumber() != null) {
            item.put(SEQUENCE_NUMBER, s(checkpoint.sequenceNumber()));
        }
        item.put(POSITION, s(position(checkpoint)));
        item.put(FINISHED, AttributeValue.fromBool(checkpoint.finished()));
        item.put(UPDATED_AT, s(checkpoint.updatedAt().toString()));
        item.put(OWNER, s(owner));
        item.put(SCHEMA_VERSION_ATTRIBUTE, AttributeValue.fromN(Integer.toString(SCHEMA_VERSION)));
        return item;
    }

    /**
     * Reads a stored item.
     *
     * @throws UnreadableCheckpointException saying what is wrong, when the item was written by a newer schema
     *         version or is malformed
     */
    public static CheckpointItem fromItem(Map<String, AttributeValue> item) {
        String consumerStream = string(item, CONSUMER_STREAM);
        String shardId = string(item, SHARD_ID);
        int version = schemaVersion(item);
        if (version > SCHEMA_VERSION) {
            throw new UnreadableCheckpointException("it was written with checkpoint schema version " + version
                    + ", newer than version " + SCHEMA_VERSION + " this library reads. Upgrade dynamodb-stream to "
                    + "the version that wrote it, or give this consumer another name", true);
        }
        ShardCheckpoint checkpoint;
        try {
            AttributeValue sequenceNumber = item.get(SEQUENCE_NUMBER);
            if (sequenceNumber != null && sequenceNumber.s() == null) {
                throw new UnreadableCheckpointException("'" + SEQUENCE_NUMBER + "' is not a string", false);
            }
            AttributeValue finished = item.get(FINISHED);
            if (finished == null || finished.bool() == null) {
                throw new UnreadableCheckpointException("'" + FINISHED + "' is missing or not a boolean", false);
            }
            checkpoint = new ShardCheckpoint(shardId, sequenceNumber == null ? null : sequenceNumber.s(),
                    finished.bool(), Instant.parse(string(item, UPDATED_AT)));
        } catch (DateTimeParseException e) {
            throw new UnreadableCheckpointException("'" + UPDATED_AT + "' is not an ISO-8601 instant", false);
        } catch (IllegalArgumentException e) {
            throw new UnreadableCheckpointException(e.getMessage(), false);
        }
        if (!position(checkpoint).equals(string(item, POSITION))) {
            throw new UnreadableCheckpointException("'" + POSITION + "' does not match its sequence number and "
                    + "finished flag", false);
        }
        return new CheckpointItem(consumerStream, string(item, CONSUMER_NAME), string(item, STREAM_ARN), checkpoint,
                string(item, OWNER));
    }

    private static int schemaVersion(Map<String, AttributeValue> item) {
        AttributeValue version = item.get(SCHEMA_VERSION_ATTRIBUTE);
        if (version == null || version.n() == null) {
            throw new UnreadableCheckpointException("'" + SCHEMA_VERSION_ATTRIBUTE + "' is missing or not a number",
                    false);
        }
        try {
            return Integer.parseInt(version.n());
        } catch (NumberFormatException e) {
            throw new UnreadableCheckpointException("'" + SCHEMA_VERSION_ATTRIBUTE + "' is not a whole number: "
                    + version.n(), false);
        }
    }

    private static String string(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        if (value == null || value.s() == null) {
            throw new UnreadableCheckpointException("'" + name + "' is missing or not a string", false);
        }
        return value.s();
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
