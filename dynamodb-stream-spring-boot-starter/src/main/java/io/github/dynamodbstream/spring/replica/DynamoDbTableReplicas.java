package io.github.dynamodbstream.spring.replica;

import io.github.dynamodbstream.core.PollResult;
import io.github.dynamodbstream.core.PollerObserver;
import io.github.dynamodbstream.core.StreamListener;
import io.github.dynamodbstream.core.replica.DynamoDbTableReplica;
import io.github.dynamodbstream.core.replica.ReplicaFailedException;
import io.github.dynamodbstream.core.replica.ReplicaListener;
import io.github.dynamodbstream.spring.StreamDefinition;
import io.github.dynamodbstream.spring.StreamDefinitions;
import io.github.dynamodbstream.spring.container.DynamoDbStreamObserverFactory;
import io.github.dynamodbstream.spring.diagnostics.DynamoDbStreamConfigurationException;
import io.github.dynamodbstream.spring.mapping.ItemConverter;
import io.github.dynamodbstream.spring.poller.DynamoDbStreamFeed;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The table replicas of the streams with {@code replica.enabled}, each fed by its stream's own poller: one reader
 * per shard serves both the application's listeners and the replica. Each replica is also a bean of its own,
 * {@code DynamoDbTableReplica<T>} typed by the stream's item type and qualified by the stream's name:
 * <pre>{@code
 * @Autowired DynamoDbTableReplica<Order> orders;                           // one replicated stream of Orders
 * @Autowired @Qualifier("orders") DynamoDbTableReplica<Order> orders;     // several
 * }</pre>
 *
 * <p>Every replica is attached when this bean is created: its table is described and its stream checked to carry
 * new images, so a table without a stream, or a stream with view type {@code KEYS_ONLY} or {@code OLD_IMAGE}, stops
 * the application at start with a report that says how to fix it. The first round of the stream's poller is the
 * replica's bookmark; the table is then scanned while the stream keeps being applied, and the replica is ready once
 * a round after the scan read every shard to its tip. A replica takes in each record just before the application's
 * {@code @EventListener} methods hear of it, so a listener that reads the replica sees the item as that change left
 * it.
 *
 * <p>A replica that can no longer match its table (more items than {@code max-items}, records lost, the stream
 * gone) stops for good: its reads throw {@link ReplicaFailedException}, the health is {@code DOWN}, and a new
 * replica is built only when the application restarts. Thread-safe; the replicas are closed with the context.
 */
public final class DynamoDbTableReplicas implements DynamoDbStreamFeed, DynamoDbStreamObserverFactory,
        AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DynamoDbTableReplicas.class);

    private final Map<String, DynamoDbTableReplica<?>> replicas;
    private final Map<String, ReplicatedStream> settings;

    /**
     * Builds and attaches the replicas.
     *
     * @throws DynamoDbStreamConfigurationException when a replica cannot be attached (no such table, no stream, a
     *         view type without new images) or a bound is not positive
     */
    DynamoDbTableReplicas(StreamDefinitions streams, List<ReplicatedStream> replicated, DynamoDbClient dynamoDbClient,
            DynamoDbStreamsClient streamsClient) {
        Map<String, DynamoDbTableReplica<?>> built = new LinkedHashMap<>();
        Map<String, ReplicatedStream> byName = new LinkedHashMap<>();
        try {
            for (ReplicatedStream settings : replicated) {
                StreamDefinition stream = streams.get(settings.name()).orElseThrow(() -> new IllegalStateException(
                        "No DynamoDB stream is named '" + settings.name() + "' among " + streams));
                DynamoDbTableReplica<?> replica = build(stream, stream.itemConverter(), settings, dynamoDbClient,
                        streamsClient);
                built.put(stream.name(), replica);
                byName.put(stream.name(), settings);
                attach(replica, stream, settings);
            }
        } catch (RuntimeException | Error e) {
            built.values().forEach(DynamoDbTableReplica::close);
            throw e;
        }
        this.replicas = Collections.unmodifiableMap(built);
        this.settings = Collections.unmodifiableMap(byName);
    }

    private static <T> DynamoDbTableReplica<T> build(StreamDefinition stream, ItemConverter<T> converter,
            ReplicatedStream settings, DynamoDbClient dynamoDbClient, DynamoDbStreamsClient streamsClient) {
        if (settings.maxItems() != null && settings.maxItems() < 1) {
            throw new DynamoDbStreamConfigurationException(settings.maxItemsProperty() + " is "
                    + settings.maxItems() + ", but a replica holds at least one item.", "Set "
                    + settings.maxItemsProperty() + " to the most items the replica of table '" + stream.tableName()
                    + "' may hold, or remove it for no bound.");
        }
        DynamoDbTableReplica.Builder<T> builder = DynamoDbTableReplica.builder()
                .dynamoDbClient(dynamoDbClient)
                .streamsClient(streamsClient)
                .streamArn(stream.streamArn().toString())
                .itemMapper(new ConverterItemMapper<>(converter, stream));
        if (settings.maxItems() != null) {
            builder.maxItems(settings.maxItems());
        }
        return builder.build();
    }

    private static <T> void attach(DynamoDbTableReplica<T> replica, StreamDefinition stream,
            ReplicatedStream settings) {
        try {
            replica.attach();
            replica.addListener(new FailureReport<>(stream.name(), settings));
        } catch (ReplicaFailedException e) {
            throw new DynamoDbStreamConfigurationException("The replica of DynamoDB stream '" + stream.name()
                    + "' (" + settings.enabledProperty() + "=true) cannot start: " + e.getMessage(),
                    action(e, stream, settings), e);
        }
    }

    private static String action(ReplicaFailedException e, StreamDefinition stream, ReplicatedStream settings) {
        String table = stream.tableName();
        String off = " Or turn the replica off: " + settings.enabledProperty() + "=false.";
        return switch (e.reason()) {
            case VIEW_TYPE -> "A replica needs the new image of every change: view type NEW_IMAGE or "
                    + "NEW_AND_OLD_IMAGES. A stream's view type cannot be changed; turn the stream off and on again, "
                    + "which makes a new stream: aws dynamodb update-table --table-name " + table
                    + " --stream-specification StreamEnabled=false, then aws dynamodb update-table --table-name "
                    + table + " --stream-specification StreamEnabled=true,StreamViewType=NEW_AND_OLD_IMAGES (a "
                    + "stream-arn in the configuration must then be the new stream's ARN, or use table-name)." + off;
            case NO_STREAM -> "Enable the table's stream with new images: aws dynamodb update-table --table-name "
                    + table + " --stream-specification StreamEnabled=true,StreamViewType=NEW_AND_OLD_IMAGES." + off;
            case TABLE_NOT_FOUND -> "Check the table name and the region (dynamodb.stream.region, or AWS_REGION); "
                    + "the replica scans the table, so the DynamoDbClient needs dynamodb:DescribeTable and "
                    + "dynamodb:Scan on it." + off;
            default -> "Check the stream and the permissions dynamodb:DescribeTable, dynamodb:Scan and "
                    + "dynamodb:DescribeStream, then restart." + off;
        };
    }

    /** The replica of the stream of that name, if it is replicated. */
    public Optional<DynamoDbTableReplica<?>> replica(String streamName) {
        return Optional.ofNullable(replicas.get(streamName));
    }

    /** The replica of the stream of that name, as the factory method of its bean (see ReplicaBeanRegistrar). */
    DynamoDbTableReplica<?> replicaBean(String streamName) {
        return replica(streamName)
                .orElseThrow(() -> new IllegalStateException("No replica of DynamoDB stream '" + streamName + "'"));
    }

    /** Every replica, by stream name, in configuration order. */
    public Map<String, DynamoDbTableReplica<?>> replicas() {
        return replicas;
    }

    /** Whether every replica holds its whole table. */
    public boolean allReady() {
        return replicas.values().stream().allMatch(DynamoDbTableReplica::isReady);
    }

    /** The most items the replica of that stream may hold, if it is bounded. */
    Optional<Long> maxItems(String streamName) {
        ReplicatedStream replicated = settings.get(streamName);
        return replicated == null ? Optional.empty() : Optional.ofNullable(replicated.maxItems());
    }

    /** The stream's records go to its replica, if it has one. */
    @Override
    public StreamListener listenerFor(StreamDefinition stream) {
        DynamoDbTableReplica<?> replica = replicas.get(stream.name());
        return replica == null ? null : replica.streamListener();
    }

    /** The stream's rounds go to its replica, if it has one. */
    @Override
    public PollerObserver observerFor(StreamDefinition stream) {
        DynamoDbTableReplica<?> replica = replicas.get(stream.name());
        if (replica == null) {
            return PollerObserver.NONE;
        }
        return new PollerObserver() {
            @Override
            public void roundCompleted(PollResult result, Duration duration) {
                replica.onRound(result);
            }
        };
    }

    /** Closes every replica: their scans stop, their copies stop changing. */
    @Override
    public void close() {
        replicas.values().forEach(DynamoDbTableReplica::close);
    }

    @Override
    public String toString() {
        return "DynamoDbTableReplicas" + replicas.keySet();
    }

    /** Says, when a replica stops, which property to change. */
    private record FailureReport<T>(String streamName, ReplicatedStream settings) implements ReplicaListener<T> {

        @Override
        public void onFailure(ReplicaFailedException failure) {
            if (failure.reason() == ReplicaFailedException.Reason.TOO_MANY_ITEMS) {
                log.error("The replica of stream '{}' may hold {} items ({}), and table '{}' holds more: the replica "
                        + "stopped, its health is DOWN and the application refuses traffic. Raise {} if the memory "
                        + "allows it, or turn the replica off ({}=false), then restart.", streamName,
                        settings.maxItems(), settings.maxItemsProperty(), failure.tableName(),
                        settings.maxItemsProperty(), settings.enabledProperty());
            } else {
                log.error("The replica of stream '{}' stopped ({}): its health is DOWN and the application refuses "
                        + "traffic; a new replica is built when the application restarts.", streamName,
                        failure.reason());
            }
        }
    }
}
