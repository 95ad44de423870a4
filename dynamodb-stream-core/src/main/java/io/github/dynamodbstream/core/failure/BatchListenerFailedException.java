package io.github.dynamodbstream.core.failure;

import io.github.dynamodbstream.core.DynamoDbStreamException;
import io.github.dynamodbstream.core.StreamListener;
import io.github.dynamodbstream.core.record.ChangeRecord;
import java.util.List;
import java.util.Objects;

/**
 * Thrown by a batch listener to name the record it failed on, so that the records before it are acknowledged and
 * only that record is retried and, once the retries are spent, handled as the {@link ListenerFailureMode} says.
 * The records after it wait: they are delivered again, in order, once the named record was delivered or given up on.
 * <pre>{@code
 * public void onBatch(List<ChangeRecord> records) {
 *     for (ChangeRecord record : records) {
 *         try {
 *             index.put(record);
 *         } catch (RuntimeException e) {
 *             throw new BatchListenerFailedException(record, e);
 *         }
 *     }
 * }
 * }</pre>
 * A batch listener that throws any other exception has its batch split in halves, delivered again half by half,
 * until the failing record is found. The default {@link StreamListener#onBatch} throws this exception itself, so
 * record listeners ({@code onInsert}, {@code onModify}, {@code onRemove}) always name the record they failed on.
 * Handlers of the failed record receive the {@linkplain #getCause() cause}, not this exception.
 */
public class BatchListenerFailedException extends DynamoDbStreamException {

    private final ChangeRecord record;
    private final int index;

    /**
     * Names the failed record.
     *
     * @param record the record the listener failed on, one of the batch it was given
     * @param cause why it failed
     */
    public BatchListenerFailedException(ChangeRecord record, Throwable cause) {
        super("The listener failed on the " + Objects.requireNonNull(record, "record").type() + " record of shard "
                + record.shardId() + " at sequence number " + record.sequenceNumber() + ": " + cause, cause);
        this.record = record;
        this.index = -1;
    }

    /**
     * Names the failed record by its position.
     *
     * @param index the position of the failed record in the list the listener was given, from 0
     * @param cause why it failed
     */
    public BatchListenerFailedException(int index, Throwable cause) {
        super("The listener failed on record " + index + " of its batch: " + cause, cause);
        if (index < 0) {
            throw new IllegalArgumentException("index must not be negative, got " + index);
        }
        this.record = null;
        this.index = index;
    }

    /** The record the listener failed on, or {@code null} when it was named by its position. */
    public ChangeRecord record() {
        return record;
    }

    /**
     * The position of the failed record in a batch.
     *
     * @param batch the batch the listener was given
     * @return the position from 0, or -1 when the named record is not in the batch
     */
    public int indexIn(List<ChangeRecord> batch) {
        if (record == null) {
            return index < batch.size() ? index : -1;
        }
        for (int i = 0; i < batch.size(); i++) {
            ChangeRecord candidate = batch.get(i);
            if (candidate == record || (candidate.sequenceNumber().equals(record.sequenceNumber())
                    && candidate.shardId().equals(record.shardId()))) {
                return i;
            }
        }
        return -1;
    }
}
