package io.github.dynamodbstream.core;

import io.github.dynamodbstream.core.failure.BatchListenerFailedException;
import io.github.dynamodbstream.core.failure.ListenerFailureMode;
import io.github.dynamodbstream.core.record.ChangeRecord;
import io.github.dynamodbstream.core.record.MalformedRecordException;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * Receives the changes of a stream. Every method has a default, so implement only what you need: most users
 * implement {@link #onInsert}, {@link #onModify} and {@link #onRemove}; users who write in bulk implement
 * {@link #onBatch} instead.
 *
 * <p>Records of one shard arrive in sequence-number order, on one thread at a time, and a child shard is delivered
 * only after its parent was read to its end, so the changes of one item arrive in the order they were made.
 * Different shards may be delivered at the same time on different threads: the listener must be thread-safe.
 *
 * <p>Returning normally acknowledges the records: the poller saves the checkpoint after them. A record listener that
 * throws fails that record alone: the records before it are acknowledged, it is retried alone, then given up on or
 * kept as the poller's {@link ListenerFailureMode} says, and the records after it wait until then. Delivery is at
 * least once: after a crash the batch in flight is delivered again.
 */
public interface StreamListener {

    /** An item was created. {@link ChangeRecord#newImage()} holds it, when the stream's view type includes it. */
    default void onInsert(ChangeRecord record) {
    }

    /** An item was changed. New and old images are there when the stream's view type includes them. */
    default void onModify(ChangeRecord record) {
    }

    /**
     * An item was deleted, by a user or, when {@link ChangeRecord#isTimeToLiveDelete()} says so, by TTL expiry.
     * {@link ChangeRecord#oldImage()} holds it when the stream's view type includes it.
     */
    default void onRemove(ChangeRecord record) {
    }

    /**
     * A batch of records of one shard, in sequence-number order. By default each record is passed, in order, to
     * {@link #onInsert}, {@link #onModify} or {@link #onRemove}, and an exception of one of them is thrown again as a
     * {@link BatchListenerFailedException} naming the record. Override it to handle a whole batch at once; throw a
     * {@link BatchListenerFailedException} to name the record that failed, or any other exception to have the poller
     * split the batch until it finds that record.
     *
     * @param records the records, never empty
     */
    default void onBatch(List<ChangeRecord> records) {
        for (ChangeRecord record : records) {
            try {
                switch (record.type()) {
                    case INSERT -> onInsert(record);
                    case MODIFY -> onModify(record);
                    case REMOVE -> onRemove(record);
                }
            } catch (BatchListenerFailedException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new BatchListenerFailedException(record, e);
            }
        }
    }

    /** The poller found shards it had not seen before and will read them (children after their parents). */
    default void onNewShards(List<String> shardIds) {
    }

    /** The poller stopped reading shards: read to their end and acknowledged, or gone from the stream. */
    default void onRemovedShards(List<RemovedShard> shards) {
    }

    /** Records were lost before they could be read (the poller also logs it at WARN). */
    default void onDataLoss(DataLoss dataLoss) {
    }

    /**
     * A record could not be read (an unknown event name, or no change data). It is skipped and logged at WARN; the
     * records around it are delivered as usual.
     *
     * @param shardId the shard it came from
     * @param record the record as the stream returned it
     * @param problem what is wrong with it
     */
    default void onMalformedRecord(String shardId, Record record, MalformedRecordException problem) {
    }
}
