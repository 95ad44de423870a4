package io.github.dynamodbstream.core.checkpoint;

import io.github.dynamodbstream.core.DynamoDbStreamException;

/**
 * A checkpoint could not be saved because the stored one was written by another poller, or lies further on:
 * two pollers probably share one consumer name. The checkpoint in the store is left as it was.
 */
public class CheckpointConflictException extends DynamoDbStreamException {

    public CheckpointConflictException(String message) {
        super(message);
    }
}
