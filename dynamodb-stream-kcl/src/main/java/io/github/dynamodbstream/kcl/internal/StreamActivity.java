package io.github.dynamodbstream.kcl.internal;

import io.github.dynamodbstream.core.ChangeType;
import io.github.dynamodbstream.kcl.KclStreamObserver;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** What the record processors of one instance did, per stream: leases held, records delivered, lag. */
public final class StreamActivity implements KclStreamObserver {

    private final Clock clock;
    private final Map<String, Stream> streams = new ConcurrentHashMap<>();

    public StreamActivity(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void recordsDelivered(String stream, String shardId, ChangeType type, int count) {
        Stream activity = stream(stream);
        activity.delivered.addAndGet(count);
        activity.lastDelivery.set(clock.instant());
    }

    @Override
    public void leaseTaken(String stream, String shardId) {
        stream(stream).behindByShard.put(shardId, Duration.ZERO);
    }

    @Override
    public void leaseReleased(String stream, String shardId) {
        stream(stream).behindByShard.remove(shardId);
    }

    @Override
    public void behindLatest(String stream, String shardId, Duration behind) {
        stream(stream).behindByShard.computeIfPresent(shardId, (shard, before) -> behind);
    }

    /** The shards whose lease this instance holds for the stream, sorted. */
    public List<String> leases(String stream) {
        return stream(stream).behindByShard.keySet().stream().sorted().toList();
    }

    public long recordsDelivered(String stream) {
        return stream(stream).delivered.get();
    }

    /** When the listeners last accepted records of the stream; {@code null} before the first delivery. */
    public Instant lastDelivery(String stream) {
        return stream(stream).lastDelivery.get();
    }

    /** The largest delay behind the newest record among the shards held. */
    public Duration lag(String stream) {
        return stream(stream).behindByShard.values().stream().max(Duration::compareTo).orElse(Duration.ZERO);
    }

    private Stream stream(String name) {
        return streams.computeIfAbsent(name, key -> new Stream());
    }

    private static final class Stream {
        private final Map<String, Duration> behindByShard = new ConcurrentHashMap<>();
        private final AtomicLong delivered = new AtomicLong();
        private final AtomicReference<Instant> lastDelivery = new AtomicReference<>();
    }
}
