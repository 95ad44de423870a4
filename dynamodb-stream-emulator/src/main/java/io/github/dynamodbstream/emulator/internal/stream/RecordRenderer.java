package io.github.dynamodbstream.emulator.internal.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dynamodbstream.emulator.internal.ItemSize;

/**
 * Renders a stream record as DynamoDB Streams writes it, once, when it is appended; GetRecords splices the
 * rendered text into its response.
 */
final class RecordRenderer {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String region;

    RecordRenderer(String region) {
        this.region = region;
    }

    /** A rendered record and its {@code SizeBytes}. */
    record Rendered(SerializedString json, int sizeBytes) {
    }

    Rendered render(Change change, String viewType, String eventId, String sequenceNumber, long createdMillis) {
        ObjectNode oldImage = keepsOldImage(viewType) ? change.oldImage() : null;
        ObjectNode newImage = keepsNewImage(viewType) ? change.newImage() : null;
        int sizeBytes = ItemSize.of(change.keys()) + ItemSize.of(oldImage) + ItemSize.of(newImage);

        ObjectNode record = JsonNodeFactory.instance.objectNode();
        record.put("eventID", eventId);
        record.put("eventName", change.eventName());
        record.put("eventVersion", "1.1");
        record.put("eventSource", "aws:dynamodb");
        record.put("awsRegion", region);
        ObjectNode dynamodb = record.putObject("dynamodb");
        dynamodb.put("ApproximateCreationDateTime", Math.floorDiv(createdMillis, 1000L));
        dynamodb.set("Keys", change.keys());
        if (newImage != null) {
            dynamodb.set("NewImage", newImage);
        }
        if (oldImage != null) {
            dynamodb.set("OldImage", oldImage);
        }
        dynamodb.put("SequenceNumber", sequenceNumber);
        dynamodb.put("SizeBytes", sizeBytes);
        dynamodb.put("StreamViewType", viewType);
        if (change.timeToLive()) {
            ObjectNode identity = record.putObject("userIdentity");
            identity.put("PrincipalId", "dynamodb.amazonaws.com");
            identity.put("Type", "Service");
        }
        try {
            SerializedString json = new SerializedString(MAPPER.writeValueAsString(record));
            json.asUnquotedUTF8();
            return new Rendered(json, sizeBytes);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot render the stream record of a " + change.eventName(), e);
        }
    }

    private static boolean keepsOldImage(String viewType) {
        return "OLD_IMAGE".equals(viewType) || "NEW_AND_OLD_IMAGES".equals(viewType);
    }

    private static boolean keepsNewImage(String viewType) {
        return "NEW_IMAGE".equals(viewType) || "NEW_AND_OLD_IMAGES".equals(viewType);
    }
}
