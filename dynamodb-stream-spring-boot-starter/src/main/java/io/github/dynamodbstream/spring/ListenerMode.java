package io.github.dynamodbstream.spring;

/** How the changes of a stream reach the application's listeners ({@code dynamodb.stream.listener-mode}). */
public enum ListenerMode {

    /**
     * One event per change: {@code ItemInsertedEvent}, {@code ItemModifiedEvent} or {@code ItemRemovedEvent}, in
     * sequence-number order. A listener that throws fails that change alone.
     */
    RECORD,

    /**
     * One {@code ItemChangesEvent} per page of a shard, with its changes in sequence-number order, for listeners
     * that write in bulk. A listener names the change it failed on by throwing a
     * {@code BatchListenerFailedException}; when it throws anything else, the batch is split in halves until the
     * failing change is found.
     */
    BATCH
}
