package io.github.dynamodbstream.core.internal.checkpoint;

/** A stored checkpoint item cannot be read; the repository adds where it is and what to do. */
public final class UnreadableCheckpointException extends RuntimeException {

    private final boolean newerSchema;

    UnreadableCheckpointException(String problem, boolean newerSchema) {
        super(problem);
        this.newerSchema = newerSchema;
    }

    /** Whether the item was written by a newer schema version rather than being malformed. */
    public boolean newerSchema() {
        return newerSchema;
    }
}
