package io.github.dynamodbstream.core.record;

import io.github.dynamodbstream.core.StreamArn;
import io.github.dynamodbstream.core.internal.record.SequenceNumbers;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.model.Identity;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * Reads the SDK's stream records into {@link ChangeRecord}s, checking what a record of its event name and view type
 * must hold.
 */
final class StreamRecordReader {

    private static final String TIME_TO_LIVE_PRINCIPAL = "dynamodb.amazonaws.com";
    private static final String SERVICE_IDENTITY_TYPE = "Service";

    private StreamRecordReader() {
    }

    static ChangeRecord read(Record record, String shardId, StreamArn streamArn) {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(shardId, "shardId");
        Objects.requireNonNull(streamArn, "streamArn");
        StreamRecord change = record.dynamodb();
        String sequenceNumber = change == null ? null : change.sequenceNumber();
        if (change == null) {
            throw new MalformedRecordException(shardId, null,
                    "it has no 'dynamodb' part (event id " + record.eventID() + ")");
        }
        if (!SequenceNumbers.isValid(sequenceNumber)) {
            throw new MalformedRecordException(shardId, sequenceNumber,
                    "its sequence number is missing or not a string of digits (event id " + record.eventID() + ")");
        }
        ChangeType type;
        try {
            type = ChangeType.fromEventName(record.eventNameAsString());
        } catch (IllegalArgumentException e) {
            throw new MalformedRecordException(shardId, sequenceNumber, e.getMessage(), e);
        }
        if (!change.hasKeys() || change.keys().isEmpty()) {
            throw new MalformedRecordException(shardId, sequenceNumber, "it has no keys");
        }
        if (change.approximateCreationDateTime() == null) {
            throw new MalformedRecordException(shardId, sequenceNumber, "it has no ApproximateCreationDateTime");
        }
        String missingImage = missingImage(type, change);
        if (missingImage != null) {
            throw new MalformedRecordException(shardId, sequenceNumber, "it has no " + missingImage + " although its "
                    + "StreamViewType " + change.streamViewTypeAsString() + " includes one for a " + type
                    + " (event id " + record.eventID() + ")");
        }
        // The SDK's model maps are unmodifiable already: copying them again cost a tenth of a poller's CPU.
        return ChangeRecord.builder().imagesFromTheSdk()
                .type(type)
                .keys(change.keys())
                .newImage(change.hasNewImage() ? change.newImage() : Map.of())
                .oldImage(change.hasOldImage() ? change.oldImage() : Map.of())
                .sequenceNumber(sequenceNumber)
                .approximateCreationTime(change.approximateCreationDateTime())
                .sizeBytes(change.sizeBytes() == null ? 0 : change.sizeBytes())
                .shardId(shardId)
                .streamArn(streamArn)
                .eventId(record.eventID())
                .timeToLiveDelete(type == ChangeType.REMOVE && isTimeToLiveService(record.userIdentity()))
                .build();
    }

    /** The image the record's own view type promises for its change type but lacks, or {@code null}. */
    private static String missingImage(ChangeType type, StreamRecord change) {
        StreamViewType viewType = change.streamViewType();
        boolean keepsNew = viewType == StreamViewType.NEW_IMAGE || viewType == StreamViewType.NEW_AND_OLD_IMAGES;
        boolean keepsOld = viewType == StreamViewType.OLD_IMAGE || viewType == StreamViewType.NEW_AND_OLD_IMAGES;
        if (keepsNew && type != ChangeType.REMOVE && !change.hasNewImage()) {
            return "NewImage";
        }
        if (keepsOld && type != ChangeType.INSERT && !change.hasOldImage()) {
            return "OldImage";
        }
        return null;
    }

    private static boolean isTimeToLiveService(Identity identity) {
        return identity != null
                && SERVICE_IDENTITY_TYPE.equals(identity.type())
                && TIME_TO_LIVE_PRINCIPAL.equals(identity.principalId());
    }
}
