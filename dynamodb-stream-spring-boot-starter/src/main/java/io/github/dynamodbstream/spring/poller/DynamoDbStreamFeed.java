package io.github.dynamodbstream.spring.poller;

import io.github.dynamodbstream.core.StreamListener;
import io.github.dynamodbstream.spring.StreamDefinition;

/**
 * Gives a {@link StreamListener} that receives a stream's records from the stream's own poller, before the
 * application's {@code @EventListener} methods: for a component that keeps state derived from the stream (the
 * starter's table replicas are one) without a second reader of the shards. Every bean of this type is asked once
 * per stream each time the listener container starts, by the {@link DefaultDynamoDbStreamPollerFactory} (a
 * {@link DynamoDbStreamPollerFactory} of your own must do the same for the feeds to be fed).
 *
 * <p>The listener gets every record, one at a time and just before the application's listeners hear of it (so that
 * they can read the feed's state after that change), then the shard callbacks and the data losses, on the poller's
 * reader threads, inside the round: keep it fast. An exception it throws is treated as an exception of the application's listeners: the
 * batch is delivered again. A batch may therefore come more than once, also when an application listener threw.
 */
@FunctionalInterface
public interface DynamoDbStreamFeed {

    /**
     * The listener of one stream's records.
     *
     * @param stream the stream the poller reads
     * @return the listener, or {@code null} when this feed does not follow that stream
     */
    StreamListener listenerFor(StreamDefinition stream);
}
