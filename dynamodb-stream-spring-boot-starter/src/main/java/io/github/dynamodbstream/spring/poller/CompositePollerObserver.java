package io.github.dynamodbstream.spring.poller;

import io.github.dynamodbstream.core.ChangeType;
import io.github.dynamodbstream.core.DataLoss;
import io.github.dynamodbstream.core.PollResult;
import io.github.dynamodbstream.core.PollerObserver;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Passes every call to several observers. An observer that throws is logged at DEBUG and does not keep the others
 * from being called, nor fail the shard's read.
 */
final class CompositePollerObserver implements PollerObserver {

    private static final Logger log = LoggerFactory.getLogger(CompositePollerObserver.class);

    private final List<PollerObserver> observers;

    CompositePollerObserver(List<PollerObserver> observers) {
        this.observers = List.copyOf(observers);
    }

    @Override
    public void apiCall(String operation, String outcome, Duration latency) {
        each(observer -> observer.apiCall(operation, outcome, latency));
    }

    @Override
    public void throttled(String operation) {
        each(observer -> observer.throttled(operation));
    }

    @Override
    public void recordsDelivered(String shardId, ChangeType type, int count) {
        each(observer -> observer.recordsDelivered(shardId, type, count));
    }

    @Override
    public void lag(String shardId, Duration lag) {
        each(observer -> observer.lag(shardId, lag));
    }

    @Override
    public void listenerFailed(String shardId, Throwable failure) {
        each(observer -> observer.listenerFailed(shardId, failure));
    }

    @Override
    public void recordsSkipped(String shardId, int count) {
        each(observer -> observer.recordsSkipped(shardId, count));
    }

    @Override
    public void malformedRecord(String shardId, String sequenceNumber) {
        each(observer -> observer.malformedRecord(shardId, sequenceNumber));
    }

    @Override
    public void dataLoss(DataLoss dataLoss) {
        each(observer -> observer.dataLoss(dataLoss));
    }

    @Override
    public void shardListingFailed(Throwable failure) {
        each(observer -> observer.shardListingFailed(failure));
    }

    @Override
    public void roundCompleted(PollResult result, Duration duration) {
        each(observer -> observer.roundCompleted(result, duration));
    }

    private void each(Consumer<PollerObserver> call) {
        for (PollerObserver observer : observers) {
            try {
                call.accept(observer);
            } catch (RuntimeException e) {
                log.debug("The poller observer {} failed; ignored", observer, e);
            }
        }
    }
}
