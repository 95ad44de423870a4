package io.github.dynamodbstream.spring.poller;

import io.github.dynamodbstream.core.DynamoDbStreamPoller;
import io.github.dynamodbstream.core.PollerObserver;
import io.github.dynamodbstream.spring.StreamDefinition;
import java.util.concurrent.Executor;

/**
 * Builds the {@link DynamoDbStreamPoller} of one stream. The {@link DynamoDbStreamListenerContainer} calls it each
 * time it starts, and closes the pollers when it stops. The auto-configured factory is a
 * {@link DefaultDynamoDbStreamPollerFactory}; define a bean of this type to build the pollers yourself.
 */
@FunctionalInterface
public interface DynamoDbStreamPollerFactory {

    /**
     * Builds a poller of the stream; it must not be started: the container runs its rounds.
     *
     * @param stream the stream, with every setting resolved
     * @param shardReaders the executor the poller must read shards on (give it to
     *        {@link DynamoDbStreamPoller.Builder#executor(Executor)}); the container owns and shuts it down
     * @param observer the observer the poller must report to (give it to
     *        {@link DynamoDbStreamPoller.Builder#observer(PollerObserver)}): the container's health and the
     *        application's metrics depend on it
     * @return a new poller
     */
    DynamoDbStreamPoller create(StreamDefinition stream, Executor shardReaders, PollerObserver observer);
}
