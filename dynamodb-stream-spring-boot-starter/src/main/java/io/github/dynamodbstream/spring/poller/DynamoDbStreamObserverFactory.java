package io.github.dynamodbstream.spring.poller;

import io.github.dynamodbstream.core.PollerObserver;
import io.github.dynamodbstream.spring.StreamDefinition;

/**
 * Gives a {@link PollerObserver} that sees what the poller of a stream does: API calls, throttles, deliveries, lag,
 * listener failures, data loss. Every bean of this type is asked once per stream each time the listener container
 * starts; the starter's Micrometer metrics are one. Observers are called on the pollers' threads: keep them fast,
 * thread-safe, and never throwing.
 */
@FunctionalInterface
public interface DynamoDbStreamObserverFactory {

    /**
     * An observer of one stream's poller.
     *
     * @param stream the stream the poller reads
     * @return the observer, or {@link PollerObserver#NONE}
     */
    PollerObserver observerFor(StreamDefinition stream);
}
