package io.github.dynamodbstream.spring.container;

import io.github.dynamodbstream.core.PollerObserver;
import io.github.dynamodbstream.spring.StreamDefinition;

/**
 * Gives a {@link PollerObserver} that sees what is done with a stream: deliveries, listener failures, records
 * skipped, filtered or malformed, in every coordination mode; under {@code coordination: none} also the API calls,
 * throttles, lag, shard listings, data loss and rounds of the poller (under {@code kcl}, the Kinesis Client Library
 * makes the calls and keeps the shards, and reports none of those). Every bean of this type is asked once per stream
 * each time the listener container starts; the starter's Micrometer metrics are one. Observers are called on the
 * threads that read the shards: keep them fast, thread-safe, and never throwing.
 */
@FunctionalInterface
public interface DynamoDbStreamObserverFactory {

    /**
     * An observer of one stream.
     *
     * @param stream the stream
     * @return the observer, or {@link PollerObserver#NONE}
     */
    PollerObserver observerFor(StreamDefinition stream);
}
