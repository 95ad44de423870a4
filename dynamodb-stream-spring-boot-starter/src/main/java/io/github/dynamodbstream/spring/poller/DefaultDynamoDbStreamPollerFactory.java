package io.github.dynamodbstream.spring.poller;

import io.github.dynamodbstream.core.DynamoDbStreamPoller;
import io.github.dynamodbstream.core.PollerObserver;
import io.github.dynamodbstream.core.StreamListener;
import io.github.dynamodbstream.core.checkpoint.ShardStateRepository;
import io.github.dynamodbstream.core.failure.DeadLetterStore;
import io.github.dynamodbstream.core.failure.ListenerFailureMode;
import io.github.dynamodbstream.spring.ListenerMode;
import io.github.dynamodbstream.spring.StreamDefinition;
import io.github.dynamodbstream.spring.event.EventPublishingStreamListener;
import io.github.dynamodbstream.spring.event.EventPublishingStreamListeners;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Builds each stream's poller with the shared {@link DynamoDbStreamsClient} and {@link ShardStateRepository}, an
 * {@link EventPublishingStreamListener} (which is also the poller's failed-record handler, so that records given up
 * on become {@code RecordFailedEvent}s), the stream's resolved settings (starting position, records per call, shard
 * discovery interval, consumer name, listener retries, failure mode, maximum record age, filter, and the dead-letter
 * store under {@code dead-letter}) and the shutdown timeout; then applies the
 * {@link DynamoDbStreamPollerCustomizer}s. The {@link DynamoDbStreamFeed}s that follow a stream get its records
 * before the events are published. Thread-safe.
 */
public final class DefaultDynamoDbStreamPollerFactory implements DynamoDbStreamPollerFactory {

    private final DynamoDbStreamsClient streamsClient;
    private final ShardStateRepository shardStateRepository;
    private final EventPublishingStreamListeners listeners;
    private final Duration shutdownTimeout;
    private final List<DynamoDbStreamPollerCustomizer> customizers;
    private final List<DynamoDbStreamFeed> feeds;
    private final Supplier<DeadLetterStore> deadLetters;

    /**
     * @param streamsClient the client every poller reads with; not closed by the pollers
     * @param shardStateRepository where every poller keeps its checkpoints
     * @param listeners builds each stream's listener, which publishes its events
     * @param shutdownTimeout how long a poller waits on close for its batch in flight
     * @param customizers applied in this order to every builder
     * @param feeds asked, in this order, for a listener of each stream, which gets the records before the events
     * @param deadLetters the dead-letter store, asked for only when a stream's {@code on-failure} is
     *        {@code dead-letter}
     */
    public DefaultDynamoDbStreamPollerFactory(DynamoDbStreamsClient streamsClient,
            ShardStateRepository shardStateRepository, EventPublishingStreamListeners listeners,
            Duration shutdownTimeout,
            List<DynamoDbStreamPollerCustomizer> customizers, List<DynamoDbStreamFeed> feeds,
            Supplier<DeadLetterStore> deadLetters) {
        this.streamsClient = Objects.requireNonNull(streamsClient, "streamsClient");
        this.shardStateRepository = Objects.requireNonNull(shardStateRepository, "shardStateRepository");
        this.listeners = Objects.requireNonNull(listeners, "listeners");
        this.shutdownTimeout = Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
        this.customizers = List.copyOf(customizers);
        this.feeds = List.copyOf(feeds);
        this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
    }

    @Override
    public DynamoDbStreamPoller create(StreamDefinition stream, Executor shardReaders, PollerObserver observer) {
        EventPublishingStreamListener listener = listeners.listenerFor(stream);
        List<StreamListener> streamFeeds = feeds.stream()
                .map(feed -> feed.listenerFor(stream))
                .filter(Objects::nonNull)
                .toList();
        DynamoDbStreamPoller.Builder builder = DynamoDbStreamPoller.builder()
                .streamsClient(streamsClient)
                .streamArn(stream.streamArn().toString())
                .startingPosition(stream.startingPosition())
                .shardStateRepository(shardStateRepository)
                .listener(streamFeeds.isEmpty() ? listener : new FeedingStreamListener(streamFeeds, listener,
                        stream.listenerMode() == ListenerMode.BATCH))
                .failedRecordHandler(listener)
                .consumerName(stream.consumerName())
                .maxRecordsPerCall(stream.maxRecords())
                .discoveryInterval(stream.shardDiscoveryInterval())
                .listenerRetryBackoff(stream.retry())
                .listenerFailureMode(stream.onFailure())
                .maxRecordAge(stream.maxRecordAge())
                .recordFilter(stream.filter())
                .deadLetterStore(stream.onFailure() == ListenerFailureMode.DEAD_LETTER ? deadLetters.get() : null)
                .shutdownTimeout(shutdownTimeout)
                .executor(shardReaders)
                .observer(observer);
        customizers.forEach(customizer -> customizer.customize(stream, builder));
        return builder.build();
    }
}
