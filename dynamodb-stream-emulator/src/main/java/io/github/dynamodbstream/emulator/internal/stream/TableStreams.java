package io.github.dynamodbstream.emulator.internal.stream;

import com.fasterxml.jackson.databind.node.ArrayNode;

/** What the table side of the emulator tells the stream side. All calls happen under the emulator's lock. */
public interface TableStreams {

    /**
     * Opens a new stream for a table (on CreateTable with a stream, or UpdateTable turning it on).
     *
     * @param tableName the table
     * @param viewType KEYS_ONLY, NEW_IMAGE, OLD_IMAGE or NEW_AND_OLD_IMAGES
     * @param keySchema the table's key schema as on the wire: {@code [{"AttributeName":..,"KeyType":"HASH"},..]}
     * @return the new stream's ARN and label
     */
    StreamRef enableStream(String tableName, String viewType, ArrayNode keySchema);

    /** Stops a stream: it stays readable until its records age out, receives no new records, status DISABLED. */
    void disableStream(String streamArn);

    /** The table is gone: every stream of it is disabled. */
    void tableDeleted(String tableName);

    /** Writes one change to the stream, to the open shard that owns the change's partition key. */
    void append(String streamArn, Change change);
}
