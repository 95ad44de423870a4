package io.github.dynamodbstream.core.internal.record;

/** The one check of what a sequence number looks like; it runs for every record read, so it stays a plain loop. */
public final class SequenceNumbers {

    private SequenceNumbers() {
    }

    /** Whether the text is a non-empty string of ASCII digits, as DynamoDB Streams writes sequence numbers. */
    public static boolean isValid(String sequenceNumber) {
        if (sequenceNumber == null || sequenceNumber.isEmpty()) {
            return false;
        }
        for (int i = 0; i < sequenceNumber.length(); i++) {
            char c = sequenceNumber.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
