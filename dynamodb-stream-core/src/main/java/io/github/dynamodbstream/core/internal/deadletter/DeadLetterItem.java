package io.github.dynamodbstream.core.internal.deadletter;

import io.github.dynamodbstream.core.checkpoint.ShardCheckpoint;
import io.github.dynamodbstream.core.failure.DeadLetter;
import io.github.dynamodbstream.core.internal.checkpoint.CheckpointItem;
import io.github.dynamodbstream.core.record.ChangeRecord;
import io.github.dynamodbstream.core.record.ChangeType;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The layout of one dead letter in the dead-letter table. Partition key {@value #CONSUMER_STREAM}: the consumer
 * name, a {@code |} and the stream ARN, as in the checkpoint table. Sort key {@value #POSITION}: the shard id, a
 * {@code |}, and the sequence number in the checkpoint table's sortable form, so that a query returns the letters
 * of each shard in sequence-number order. The images are stored as DynamoDB maps, as the stream gave them.
 */
public final class DeadLetterItem {

    public static final String CONSUMER_STREAM = "consumerStream";
    public static final String POSITION = "position";

    private static final String CONSUMER_NAME = "consumerName";
    private static final String STREAM_ARN = "streamArn";
    private static final String SHARD_ID = "shardId";
    private static final String SEQUENCE_NUMBER = "sequenceNumber";
    private static final String EVENT_NAME = "eventName";
    private static final String EVENT_ID = "eventId";
    private static final String KEYS = "keys";
    private static final String NEW_IMAGE = "newImage";
    private static final String OLD_IMAGE = "oldImage";
    private static final String CREATED_AT = "approximateCreationTime";
    private static final String SIZE_BYTES = "sizeBytes";
    private static final String TIME_TO_LIVE_DELETE = "timeToLiveDelete";
    private static final String FAILURE_CLASS = "failureClass";
    private static final String FAILURE_MESSAGE = "failureMessage";
    private static final String FAILED_AT = "failedAt";

    private DeadLetterItem() {
    }

    /** The partition key of one consumer's letters of one stream. */
    public static String consumerStream(String consumerName, String streamArn) {
        return CheckpointItem.consumerStream(consumerName, streamArn);
    }

    /** The key of a letter's item. */
    public static Map<String, AttributeValue> key(DeadLetter letter) {
        ChangeRecord record = letter.record();
        return Map.of(CONSUMER_STREAM, s(consumerStream(letter.consumerName(), record.streamArn())),
                POSITION, s(record.shardId() + "|" + CheckpointItem.position(
                        new ShardCheckpoint(record.shardId(), record.sequenceNumber(), false, Instant.EPOCH))));
    }

    /** The item to write. */
    public static Map<String, AttributeValue> toItem(DeadLetter letter) {
        ChangeRecord record = letter.record();
        Map<String, AttributeValue> item = new HashMap<>(key(letter));
        item.put(CONSUMER_NAME, s(letter.consumerName()));
        item.put(STREAM_ARN, s(record.streamArn()));
        item.put(SHARD_ID, s(record.shardId()));
        item.put(SEQUENCE_NUMBER, s(record.sequenceNumber()));
        item.put(EVENT_NAME, s(record.type().name()));
        item.put(EVENT_ID, s(record.eventId()));
        item.put(KEYS, AttributeValue.fromM(record.keys()));
        if (record.hasNewImage()) {
            item.put(NEW_IMAGE, AttributeValue.fromM(record.newImage()));
        }
        if (record.hasOldImage()) {
            item.put(OLD_IMAGE, AttributeValue.fromM(record.oldImage()));
        }
        if (record.approximateCreationTime() != null) {
            item.put(CREATED_AT, s(record.approximateCreationTime().toString()));
        }
        item.put(SIZE_BYTES, AttributeValue.fromN(Long.toString(record.sizeBytes())));
        item.put(TIME_TO_LIVE_DELETE, AttributeValue.fromBool(record.isTimeToLiveDelete()));
        item.put(FAILURE_CLASS, s(letter.failureClass()));
        if (letter.failureMessage() != null) {
            item.put(FAILURE_MESSAGE, s(letter.failureMessage()));
        }
        item.put(FAILED_AT, s(letter.failedAt().toString()));
        return item;
    }

    /** Reads an item written by {@link #toItem}. */
    public static DeadLetter fromItem(Map<String, AttributeValue> item) {
        String createdAt = string(item, CREATED_AT);
        ChangeRecord record = ChangeRecord.builder()
                .type(ChangeType.fromEventName(string(item, EVENT_NAME)))
                .keys(item.get(KEYS).m())
                .newImage(item.containsKey(NEW_IMAGE) ? item.get(NEW_IMAGE).m() : Map.of())
                .oldImage(item.containsKey(OLD_IMAGE) ? item.get(OLD_IMAGE).m() : Map.of())
                .sequenceNumber(string(item, SEQUENCE_NUMBER))
                .approximateCreationTime(createdAt == null ? null : Instant.parse(createdAt))
                .sizeBytes(Long.parseLong(item.get(SIZE_BYTES).n()))
                .shardId(string(item, SHARD_ID))
                .streamArn(string(item, STREAM_ARN))
                .eventId(string(item, EVENT_ID))
                .timeToLiveDelete(Boolean.TRUE.equals(item.get(TIME_TO_LIVE_DELETE).bool()))
                .build();
        return new DeadLetter(record, string(item, CONSUMER_NAME), string(item, FAILURE_CLASS),
                string(item, FAILURE_MESSAGE), Instant.parse(string(item, FAILED_AT)));
    }

    private static String string(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
