package io.github.dynamodbstream.kcl;

import io.github.dynamodbstream.core.ChangeType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.TimeGauge;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Micrometer metrics of the Kinesis Client Library coordination, with the names of the broadcast mode's metrics
 * where they mean the same, each tagged {@code stream}:
 * <ul>
 * <li>{@code dynamodb.stream.records.delivered} (counter, tag {@code type}: insert, modify, remove): records the
 * listeners accepted;</li>
 * <li>{@code dynamodb.stream.listener.failures} (counter): deliveries on which a listener threw;</li>
 * <li>{@code dynamodb.stream.records.skipped} (counter): records given up on after the retries;</li>
 * <li>{@code dynamodb.stream.records.filtered} (counter): records acknowledged without delivery because the stream's
 * filter left them out;</li>
 * <li>{@code dynamodb.stream.records.malformed} (counter): records that could not be read;</li>
 * <li>{@code dynamodb.stream.lag} (time gauge): the largest delay behind the newest record among the shards this
 * instance processes;</li>
 * <li>{@code dynamodb.stream.kcl.leases} (gauge): shards this instance processes now.</li>
 * </ul>
 * The DynamoDB Streams calls are made inside the Kinesis Client Library and are not timed here.
 */
public final class KclStreamMetrics implements KclStreamObserver {

    private static final String PREFIX = "dynamodb.stream.";

    private final MeterRegistry registry;
    private final Map<String, Map<String, Long>> behindByShard = new ConcurrentHashMap<>();

    /** @param registry where the meters go */
    public KclStreamMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public void recordsDelivered(String stream, String shardId, ChangeType type, int count) {
        counter("records.delivered", stream, "type", type.name().toLowerCase(Locale.ROOT)).increment(count);
    }

    @Override
    public void listenerFailed(String stream, String shardId, Throwable failure) {
        counter("listener.failures", stream).increment();
    }

    @Override
    public void recordsSkipped(String stream, String shardId, int count) {
        counter("records.skipped", stream).increment(count);
    }

    @Override
    public void recordsFiltered(String stream, String shardId, int count) {
        counter("records.filtered", stream).increment(count);
    }

    @Override
    public void recordMalformed(String stream, String shardId) {
        counter("records.malformed", stream).increment();
    }

    @Override
    public void leaseTaken(String stream, String shardId) {
        shards(stream).put(shardId, 0L);
    }

    @Override
    public void leaseReleased(String stream, String shardId) {
        shards(stream).remove(shardId);
    }

    @Override
    public void behindLatest(String stream, String shardId, Duration behind) {
        shards(stream).computeIfPresent(shardId, (shard, before) -> behind.toMillis());
    }

    private Map<String, Long> shards(String stream) {
        return behindByShard.computeIfAbsent(stream, name -> {
            Map<String, Long> shards = new ConcurrentHashMap<>();
            TimeGauge.builder(PREFIX + "lag", shards,
                            TimeUnit.MILLISECONDS, held -> held.values().stream().mapToLong(Long::longValue).max()
                                    .orElse(0))
                    .tag("stream", name)
                    .description("Largest delay behind the newest record among the shards this instance processes")
                    .register(registry);
            registry.gauge(PREFIX + "kcl.leases", List.of(Tag.of("stream", name)),
                    shards, Map::size);
            return shards;
        });
    }

    private Counter counter(String name, String stream, String... tags) {
        return Counter.builder(PREFIX + name).tag("stream", stream).tags(tags).register(registry);
    }
}
