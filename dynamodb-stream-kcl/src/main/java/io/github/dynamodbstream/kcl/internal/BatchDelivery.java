package io.github.dynamodbstream.kcl.internal;

import io.github.dynamodbstream.core.ChangeRecord;
import io.github.dynamodbstream.core.ListenerFailureMode;
import io.github.dynamodbstream.core.RetryPolicy;
import io.github.dynamodbstream.kcl.KclStreamObserver;
import io.github.dynamodbstream.spring.StreamDefinition;
import io.github.dynamodbstream.spring.event.EventPublishingStreamListener;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one batch to the listeners with the stream's retry policy and failure mode, as the starter's pollers
 * do: a failed batch is delivered again whole after a backoff; once the attempts are spent, SKIP gives it up (a
 * {@code RecordFailedEvent}) and BLOCK keeps delivering it, at the longest backoff, until the listeners accept it
 * or the application stops.
 */
final class BatchDelivery {

    private static final Logger log = LoggerFactory.getLogger(BatchDelivery.class);

    private final StreamDefinition stream;
    private final EventPublishingStreamListener listener;
    private final KclStreamObserver observer;
    private final BooleanSupplier stopping;

    BatchDelivery(StreamDefinition stream, EventPublishingStreamListener listener, KclStreamObserver observer,
            BooleanSupplier stopping) {
        this.stream = stream;
        this.listener = listener;
        this.observer = observer;
        this.stopping = stopping;
    }

    /**
     * @return true when the batch was delivered or given up on (the checkpoint may move past it), false when
     *         delivery stopped because the application is stopping or the thread was interrupted
     */
    boolean deliver(List<ChangeRecord> batch) {
        RetryPolicy retry = stream.retry();
        for (int attempt = 1; ; attempt++) {
            RuntimeException failure;
            try {
                listener.onBatch(batch);
                observer.recordsDelivered(stream.name(), batch);
                return true;
            } catch (RuntimeException e) {
                failure = e;
            }
            observer.listenerFailed(stream.name(), batch.get(0).shardId(), failure);
            if (attempt >= retry.maxAttempts() && stream.onFailure() == ListenerFailureMode.SKIP && giveUp(batch,
                    failure)) {
                return true;
            }
            log.warn("Listeners failed on {} records of stream '{}', shard {} (attempt {}); delivering them again: {}",
                    batch.size(), stream.name(), batch.get(0).shardId(), attempt, failure.toString());
            Duration delay = retry.delayBeforeRetry(Math.min(attempt, retry.maxAttempts()),
                    ThreadLocalRandom.current().nextDouble());
            if (stopping.getAsBoolean() || !sleep(delay)) {
                return false;
            }
        }
    }

    private boolean giveUp(List<ChangeRecord> batch, RuntimeException failure) {
        try {
            listener.handle(batch, failure);
            observer.recordsSkipped(stream.name(), batch.get(0).shardId(), batch.size());
            return true;
        } catch (RuntimeException e) {
            log.warn("A listener of the RecordFailedEvent of stream '{}' failed; keeping the shard where it is: {}",
                    stream.name(), e.toString());
            return false;
        }
    }

    private static boolean sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
