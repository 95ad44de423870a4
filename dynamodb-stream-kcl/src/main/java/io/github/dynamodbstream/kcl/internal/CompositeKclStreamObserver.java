package io.github.dynamodbstream.kcl.internal;

import io.github.dynamodbstream.core.ChangeType;
import io.github.dynamodbstream.kcl.KclStreamObserver;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Passes each call to every observer; an observer that throws is logged and does not stop the others. */
public final class CompositeKclStreamObserver implements KclStreamObserver {

    private static final Logger log = LoggerFactory.getLogger(CompositeKclStreamObserver.class);

    private final List<KclStreamObserver> observers;

    public CompositeKclStreamObserver(List<KclStreamObserver> observers) {
        this.observers = List.copyOf(observers);
    }

    @Override
    public void recordsDelivered(String stream, String shardId, ChangeType type, int count) {
        each(observer -> observer.recordsDelivered(stream, shardId, type, count));
    }

    @Override
    public void listenerFailed(String stream, String shardId, Throwable failure) {
        each(observer -> observer.listenerFailed(stream, shardId, failure));
    }

    @Override
    public void recordsSkipped(String stream, String shardId, int count) {
        each(observer -> observer.recordsSkipped(stream, shardId, count));
    }

    @Override
    public void recordsFiltered(String stream, String shardId, int count) {
        each(observer -> observer.recordsFiltered(stream, shardId, count));
    }

    @Override
    public void recordMalformed(String stream, String shardId) {
        each(observer -> observer.recordMalformed(stream, shardId));
    }

    @Override
    public void leaseTaken(String stream, String shardId) {
        each(observer -> observer.leaseTaken(stream, shardId));
    }

    @Override
    public void leaseReleased(String stream, String shardId) {
        each(observer -> observer.leaseReleased(stream, shardId));
    }

    @Override
    public void behindLatest(String stream, String shardId, Duration behind) {
        each(observer -> observer.behindLatest(stream, shardId, behind));
    }

    private void each(Consumer<KclStreamObserver> call) {
        for (KclStreamObserver observer : observers) {
            try {
                call.accept(observer);
            } catch (RuntimeException e) {
                log.warn("Observer {} of the Kinesis Client Library coordination failed: {}", observer, e.toString());
            }
        }
    }
}
