package io.github.dynamodbstream.core.internal.delivery;

import io.github.dynamodbstream.core.ChangeRecord;
import io.github.dynamodbstream.core.ChangeType;
import io.github.dynamodbstream.core.FailedRecordHandler;
import io.github.dynamodbstream.core.ListenerFailureMode;
import io.github.dynamodbstream.core.PollerObserver;
import io.github.dynamodbstream.core.RetryPolicy;
import io.github.dynamodbstream.core.StreamListener;
import io.github.dynamodbstream.core.internal.retry.Backoff;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands a batch to the listener, retrying with backoff when it throws; when the retries are spent, skips the batch
 * through the {@link FailedRecordHandler} or leaves it unacknowledged, as the {@link ListenerFailureMode} says.
 * An {@link Error} from the listener is not retried: it goes up to the caller of the round.
 */
public final class DeliveryPolicy {

    private static final Logger log = LoggerFactory.getLogger(DeliveryPolicy.class);
    private static final ChangeType[] TYPES = ChangeType.values();

    private final StreamListener listener;
    private final RetryPolicy retryPolicy;
    private final ListenerFailureMode failureMode;
    private final FailedRecordHandler failedRecordHandler;
    private final PollerObserver observer;

    public DeliveryPolicy(StreamListener listener, RetryPolicy retryPolicy, ListenerFailureMode failureMode,
            FailedRecordHandler failedRecordHandler, PollerObserver observer) {
        this.listener = listener;
        this.retryPolicy = retryPolicy;
        this.failureMode = failureMode;
        this.failedRecordHandler = failedRecordHandler;
        this.observer = observer;
    }

    /**
     * Delivers a batch of one shard.
     *
     * @param shardId the shard
     * @param batch the batch, with at least one record
     * @param stopping tells whether the poller is stopping: no more retries then
     * @return how it ended
     */
    public DeliveryResult deliver(String shardId, RecordBatch batch, BooleanSupplier stopping) {
        List<ChangeRecord> records = batch.records();
        RuntimeException failure = null;
        for (int attempt = 1; attempt <= retryPolicy.maxAttempts(); attempt++) {
            if (attempt > 1 && (stopping.getAsBoolean() || !Backoff.pause(retryPolicy, attempt - 1))) {
                return new DeliveryResult(DeliveryOutcome.BLOCKED, failure);
            }
            try {
                listener.onBatch(records);
                countDelivered(shardId, batch.countsByType());
                return failure == null ? DeliveryResult.DELIVERED : new DeliveryResult(DeliveryOutcome.DELIVERED, failure);
            } catch (RuntimeException e) {
                failure = e;
                observer.listenerFailed(shardId, e);
                log.warn("The listener failed on {} records of shard {} (sequence numbers {} to {}), attempt {} of {}",
                        records.size(), shardId, batch.firstSequenceNumber(), batch.lastSequenceNumber(), attempt,
                        retryPolicy.maxAttempts(), e);
            }
        }
        if (failureMode == ListenerFailureMode.BLOCK) {
            log.warn("Shard {} stays at sequence number {}: the listener failed {} times; it is tried again next round",
                    shardId, batch.firstSequenceNumber(), retryPolicy.maxAttempts());
            return new DeliveryResult(DeliveryOutcome.BLOCKED, failure);
        }
        try {
            failedRecordHandler.handle(records, failure);
        } catch (RuntimeException handlerFailure) {
            handlerFailure.addSuppressed(failure);
            log.warn("The failed-record handler failed on {} records of shard {}; they stay unacknowledged",
                    records.size(), shardId, handlerFailure);
            return new DeliveryResult(DeliveryOutcome.BLOCKED, handlerFailure);
        }
        observer.recordsSkipped(shardId, records.size());
        return new DeliveryResult(DeliveryOutcome.SKIPPED, failure);
    }

    private void countDelivered(String shardId, int[] counts) {
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0) {
                observer.recordsDelivered(shardId, TYPES[i], counts[i]);
            }
        }
    }
}
