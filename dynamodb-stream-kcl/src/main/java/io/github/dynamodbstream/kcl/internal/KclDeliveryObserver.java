package io.github.dynamodbstream.kcl.internal;

import io.github.dynamodbstream.core.ChangeType;
import io.github.dynamodbstream.core.PollerObserver;
import io.github.dynamodbstream.kcl.KclStreamObserver;

/** Passes what the core's delivery reports of one stream to the KCL mode's observers. */
final class KclDeliveryObserver implements PollerObserver {

    private final String stream;
    private final KclStreamObserver observer;

    KclDeliveryObserver(String stream, KclStreamObserver observer) {
        this.stream = stream;
        this.observer = observer;
    }

    @Override
    public void recordsDelivered(String shardId, ChangeType type, int count) {
        observer.recordsDelivered(stream, shardId, type, count);
    }

    @Override
    public void listenerFailed(String shardId, Throwable failure) {
        observer.listenerFailed(stream, shardId, failure);
    }

    @Override
    public void recordsSkipped(String shardId, int count) {
        observer.recordsSkipped(stream, shardId, count);
    }

    @Override
    public void recordsFiltered(String shardId, int count) {
        observer.recordsFiltered(stream, shardId, count);
    }
}
