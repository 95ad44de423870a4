package io.github.dynamodbstream.spring.poller;

import io.github.dynamodbstream.core.DynamoDbStreamPoller;
import io.github.dynamodbstream.core.PollerObserver;
import io.github.dynamodbstream.core.ShardStateRepository;
import io.github.dynamodbstream.spring.StreamDefinition;
import io.github.dynamodbstream.spring.event.EventPublishingStreamListener;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.springframework.context.ApplicationEventPublisher;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Builds each stream's poller with the shared {@link DynamoDbStreamsClient} and {@link ShardStateRepository}, an
 * {@link EventPublishingStreamListener} (which is also the poller's failed-record handler, so that records given up
 * on become {@code RecordFailedEvent}s), the stream's resolved settings (starting position, records per call, shard
 * discovery interval, consumer name, listener retries, failure mode) and the shutdown timeout; then applies the
 * {@link DynamoDbStreamPollerCustomizer}s. Thread-safe.
 */
public final class DefaultDynamoDbStreamPollerFactory implements DynamoDbStreamPollerFactory {

    private final DynamoDbStreamsClient streamsClient;
    private final ShardStateRepository shardStateRepository;
    private final ApplicationEventPublisher publisher;
    private final Duration shutdownTimeout;
    private final List<DynamoDbStreamPollerCustomizer> customizers;

    /**
     * @param streamsClient the client every poller reads with; not closed by the pollers
     * @param shardStateRepository where every poller keeps its checkpoints
     * @param publisher where the events go
     * @param shutdownTimeout how long a poller waits on close for its batch in flight
     * @param customizers applied in this order to every builder
     */
    public DefaultDynamoDbStreamPollerFactory(DynamoDbStreamsClient streamsClient,
            ShardStateRepository shardStateRepository, ApplicationEventPublisher publisher, Duration shutdownTimeout,
            List<DynamoDbStreamPollerCustomizer> customizers) {
        this.streamsClient = Objects.requireNonNull(streamsClient, "streamsClient");
        this.shardStateRepository = Objects.requireNonNull(shardStateRepository, "shardStateRepository");
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.shutdownTimeout = Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
        this.customizers = List.copyOf(customizers);
    }

    @Override
    public DynamoDbStreamPoller create(StreamDefinition stream, Executor shardReaders, PollerObserver observer) {
        EventPublishingStreamListener listener = new EventPublishingStreamListener(stream, publisher);
        DynamoDbStreamPoller.Builder builder = DynamoDbStreamPoller.builder()
                .streamsClient(streamsClient)
                .streamArn(stream.streamArn().toString())
                .startingPosition(stream.startingPosition())
                .shardStateRepository(shardStateRepository)
                .listener(listener)
                .failedRecordHandler(listener)
                .consumerName(stream.consumerName())
                .maxRecordsPerCall(stream.maxRecords())
                .discoveryInterval(stream.shardDiscoveryInterval())
                .listenerRetryPolicy(stream.retry())
                .listenerFailureMode(stream.onFailure())
                .shutdownTimeout(shutdownTimeout)
                .executor(shardReaders)
                .observer(observer);
        customizers.forEach(customizer -> customizer.customize(stream, builder));
        return builder.build();
    }
}
