package io.github.dynamodbstream.spring.metrics;

import io.github.dynamodbstream.core.DataLoss;
import io.github.dynamodbstream.core.PollerObserver;
import io.github.dynamodbstream.core.record.ChangeType;
import io.github.dynamodbstream.spring.StreamDefinition;
import io.github.dynamodbstream.spring.container.DynamoDbStreamContainer;
import io.github.dynamodbstream.spring.container.DynamoDbStreamObserverFactory;
import io.github.dynamodbstream.spring.container.StreamStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Micrometer metrics of the DynamoDB stream consumers, the same in every coordination mode: the gauges read the
 * listener container's {@link StreamStatus}, the other meters are fed by each stream's {@link PollerObserver}. Every
 * meter is tagged {@code stream} (the stream's name in the configuration); the other tags have a handful of values
 * each:
 * <ul>
 * <li>{@code dynamodb.stream.records.delivered} (counter, tag {@code type}: insert, modify, remove): records the
 * listeners accepted;</li>
 * <li>{@code dynamodb.stream.lag} (time gauge): how far behind the stream the consumer is, as
 * {@link StreamStatus#lag()} defines it;</li>
 * <li>{@code dynamodb.stream.shards} (gauge): shards this instance reads now (under {@code kcl}, those whose lease it
 * holds);</li>
 * <li>{@code dynamodb.stream.api.calls} (timer, tags {@code operation}: DescribeStream, GetShardIterator,
 * GetRecords; {@code outcome}: Success or the error code): DynamoDB Streams calls, each retry counted;</li>
 * <li>{@code dynamodb.stream.api.throttles} (counter, tag {@code operation}): throttled calls;</li>
 * <li>{@code dynamodb.stream.listener.failures} (counter): deliveries on which a listener threw, each attempt
 * counted;</li>
 * <li>{@code dynamodb.stream.records.skipped} (counter): records given up on after the retries
 * ({@code on-failure: skip} or {@code dead-letter}, or older than {@code max-record-age});</li>
 * <li>{@code dynamodb.stream.records.filtered} (counter): records acknowledged without delivery because the
 * stream's {@code filter} left them out;</li>
 * <li>{@code dynamodb.stream.records.malformed} (counter): records that could not be read and were skipped;</li>
 * <li>{@code dynamodb.stream.shard.listing.failures} (counter): listings of the stream's shards that failed after
 * their retries (reading goes on with the shards already known);</li>
 * <li>{@code dynamodb.stream.data.loss} (counter, tag {@code reason}: trimmed, shard_gone): losses of records that
 * left the stream before they were read.</li>
 * </ul>
 * Under {@code coordination: kcl}, the Kinesis Client Library makes the DynamoDB Streams calls and keeps the shards:
 * the API, shard listing and data loss meters stay at zero there.
 */
public final class DynamoDbStreamMetrics implements DynamoDbStreamObserverFactory {

    private static final String PREFIX = "dynamodb.stream.";

    private final MeterRegistry registry;
    private final Map<String, StreamMeters> meters = new ConcurrentHashMap<>();

    /**
     * Registers the lag and shards gauges of every stream of the container.
     *
     * @param registry where the meters go
     * @param container the container whose streams to measure
     */
    public DynamoDbStreamMetrics(MeterRegistry registry, DynamoDbStreamContainer container) {
        this.registry = Objects.requireNonNull(registry, "registry");
        for (StreamDefinition stream : container.streams()) {
            String name = stream.name();
            TimeGauge.builder(PREFIX + "lag", container, TimeUnit.MILLISECONDS,
                            c -> c.streamStatus(name).map(status -> status.lag().toMillis()).orElse(0L))
                    .tag("stream", name)
                    .description("How far behind the stream this instance is")
                    .register(registry);
            Gauge.builder(PREFIX + "shards", container,
                            c -> c.streamStatus(name).map(status -> status.activeShards().size()).orElse(0))
                    .tag("stream", name)
                    .description("Shards this instance reads now")
                    .register(registry);
        }
    }

    @Override
    public PollerObserver observerFor(StreamDefinition stream) {
        return meters.computeIfAbsent(stream.name(), StreamMeters::new);
    }

    /** The meters of one stream; kept across restarts of the container. */
    private final class StreamMeters implements PollerObserver {

        private final String stream;
        private final Map<ChangeType, Counter> delivered = new EnumMap<>(ChangeType.class);
        private final Map<DataLoss.Reason, Counter> dataLoss = new EnumMap<>(DataLoss.Reason.class);
        private final Map<String, Timer> apiCalls = new ConcurrentHashMap<>();
        private final Map<String, Counter> throttles = new ConcurrentHashMap<>();
        private final Counter listenerFailures;
        private final Counter skipped;
        private final Counter filtered;
        private final Counter malformed;
        private final Counter listingFailures;

        StreamMeters(String stream) {
            this.stream = stream;
            for (ChangeType type : ChangeType.values()) {
                delivered.put(type, counter("records.delivered", "Records the listeners accepted",
                        "type", lower(type.name())));
            }
            for (DataLoss.Reason reason : DataLoss.Reason.values()) {
                dataLoss.put(reason, counter("data.loss",
                        "Losses of records that left the stream before they were read", "reason",
                        lower(reason.name())));
            }
            listenerFailures = counter("listener.failures",
                    "Deliveries on which a listener threw, each attempt counted");
            skipped = counter("records.skipped", "Records given up on after the listeners kept failing on them");
            filtered = counter("records.filtered",
                    "Records acknowledged without delivery because the stream's filter left them out");
            malformed = counter("records.malformed", "Records that could not be read and were skipped");
            listingFailures = counter("shard.listing.failures",
                    "Listings of the stream's shards that failed after their retries");
        }

        private Counter counter(String name, String description, String... tags) {
            return Counter.builder(PREFIX + name).description(description).tag("stream", stream).tags(tags)
                    .register(registry);
        }

        @Override
        public void apiCall(String operation, String outcome, Duration latency) {
            apiCalls.computeIfAbsent(operation + '\n' + outcome, key -> Timer.builder(PREFIX + "api.calls")
                            .description("DynamoDB Streams API calls, each retry counted")
                            .tags("stream", stream, "operation", operation, "outcome", outcome)
                            .register(registry))
                    .record(latency);
        }

        @Override
        public void throttled(String operation) {
            throttles.computeIfAbsent(operation, key -> Counter.builder(PREFIX + "api.throttles")
                            .description("DynamoDB Streams API calls that were throttled")
                            .tags("stream", stream, "operation", operation)
                            .register(registry))
                    .increment();
        }

        @Override
        public void recordsDelivered(String shardId, ChangeType type, int count) {
            delivered.get(type).increment(count);
        }

        @Override
        public void listenerFailed(String shardId, Throwable failure) {
            listenerFailures.increment();
        }

        @Override
        public void recordsSkipped(String shardId, int count) {
            skipped.increment(count);
        }

        @Override
        public void recordsFiltered(String shardId, int count) {
            filtered.increment(count);
        }

        @Override
        public void malformedRecord(String shardId, String sequenceNumber) {
            malformed.increment();
        }

        @Override
        public void dataLoss(DataLoss loss) {
            dataLoss.get(loss.reason()).increment();
        }

        @Override
        public void shardListingFailed(Throwable failure) {
            listingFailures.increment();
        }

        @Override
        public String toString() {
            return "DynamoDbStreamMetrics[stream=" + stream + "]";
        }
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
