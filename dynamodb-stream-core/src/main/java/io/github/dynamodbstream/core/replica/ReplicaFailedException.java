package io.github.dynamodbstream.core.replica;

import io.github.dynamodbstream.core.DynamoDbStreamException;
import java.util.Objects;

/**
 * A replica cannot be (or stay) a faithful copy of its table. Thrown by {@code start()} or {@code attach()} when the
 * table or its stream does not fit, and afterwards by the reads and {@code awaitReady} of a replica that stopped.
 * The message says what is wrong and how to fix it; {@link #reason()} tells the cases apart.
 */
public class ReplicaFailedException extends DynamoDbStreamException {

    /** Why a replica failed. */
    public enum Reason {

        /** The table does not exist. */
        TABLE_NOT_FOUND,

        /** The table has no stream enabled. */
        NO_STREAM,

        /** The stream's view type holds no new images (it is {@code KEYS_ONLY} or {@code OLD_IMAGE}). */
        VIEW_TYPE,

        /** The table holds more items than the replica's {@code maxItems}. */
        TOO_MANY_ITEMS,

        /** Stream records were lost before they were read (more than 24 hours behind, or a shard vanished). */
        DATA_LOSS,

        /** The stream cannot be read any more (its table was deleted, or the stream was turned off). */
        STREAM_UNAVAILABLE,

        /** The table could not be scanned. */
        SCAN_FAILED,

        /** An item could not be mapped to the replica's item type. */
        MAPPING_FAILED
    }

    private final Reason reason;
    private final String tableName;

    public ReplicaFailedException(Reason reason, String tableName, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.tableName = tableName;
    }

    public ReplicaFailedException(Reason reason, String tableName, String message) {
        this(reason, tableName, message, null);
    }

    /** Why the replica failed. */
    public Reason reason() {
        return reason;
    }

    /** The replicated table's name. */
    public String tableName() {
        return tableName;
    }
}
