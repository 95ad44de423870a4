package io.github.dynamodbstream.spring.container.internal;

import io.github.dynamodbstream.core.DataLoss;
import io.github.dynamodbstream.core.PollResult;
import io.github.dynamodbstream.core.PollerObserver;
import io.github.dynamodbstream.core.ShardFailure;
import io.github.dynamodbstream.core.record.ChangeType;
import io.github.dynamodbstream.spring.StreamDefinition;
import io.github.dynamodbstream.spring.container.StreamState;
import io.github.dynamodbstream.spring.container.StreamStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * What was done with one stream since its container started, for its {@link StreamStatus}; one tracker for every
 * coordination mode. The pollers report rounds ({@link #forRounds}), the Kinesis Client Library's record processors
 * report leases ({@link #forLeases}); both report deliveries as a {@link PollerObserver}. Every method may be called
 * on any thread.
 */
public final class StreamActivity implements PollerObserver {

    private final StreamDefinition stream;
    private final Clock clock;
    private final boolean rounds;
    /** The shards read now, with how far each is behind the newest record of its shard (leases only). */
    private final Map<String, Duration> shards = new ConcurrentHashMap<>();
    private final AtomicReference<Instant> newestDelivered = new AtomicReference<>();
    private final AtomicReference<Duration> roundLag = new AtomicReference<>();
    private final LongAdder delivered = new LongAdder();
    private volatile StreamState state;
    private volatile Map<String, String> blockedShards = Map.of();
    private volatile Instant lastSuccessfulPoll;
    private volatile Instant lastDelivery;
    private volatile boolean caughtUp;
    private volatile Duration caughtUpLag = Duration.ZERO;
    private volatile String problem;

    private StreamActivity(StreamDefinition stream, Clock clock, boolean rounds) {
        this.stream = stream;
        this.clock = clock;
        this.rounds = rounds;
        this.state = rounds ? StreamState.STARTING : StreamState.RUNNING;
    }

    /** A tracker fed by a poller's rounds: {@code STARTING} until the first round ends. */
    public static StreamActivity forRounds(StreamDefinition stream, Clock clock) {
        return new StreamActivity(stream, clock, true);
    }

    /** A tracker fed by the record processors of the shards whose lease is held: {@code RUNNING} from the start. */
    public static StreamActivity forLeases(StreamDefinition stream, Clock clock) {
        return new StreamActivity(stream, clock, false);
    }

    @Override
    public void recordsDelivered(String shardId, ChangeType type, int count) {
        delivered.add(count);
        lastDelivery = clock.instant();
    }

    @Override
    public void lag(String shardId, Duration lag) {
        roundLag.accumulateAndGet(lag, (a, b) -> a == null || b.compareTo(a) > 0 ? b : a);
        Instant created = clock.instant().minus(lag);
        newestDelivered.accumulateAndGet(created, (a, b) -> a == null || b.isAfter(a) ? b : a);
    }

    @Override
    public void roundCompleted(PollResult result, Duration duration) {
        result.newShards().forEach(this::shardTaken);
        result.finishedShards().forEach(this::shardReleased);
        for (DataLoss loss : result.dataLosses()) {
            if (loss.reason() == DataLoss.Reason.SHARD_GONE) {
                shardReleased(loss.shardId());
            }
        }
    }

    /** Records the outcome of a round that returned. */
    public void roundEnded(PollResult result) {
        Duration lagOfRound = roundLag.getAndSet(null);
        Map<String, String> blocked = new LinkedHashMap<>();
        for (ShardFailure failure : result.failedShards()) {
            blocked.put(failure.shardId(), failure.reason());
        }
        blockedShards = blocked;
        caughtUpLag = lagOfRound == null ? Duration.ZERO : lagOfRound;
        caughtUp = result.caughtUp();
        if (result.streamProblem() != null) {
            problem = result.streamProblem();
            state = StreamState.UNAVAILABLE;
            return;
        }
        problem = null;
        state = StreamState.RUNNING;
        if (result.failedShards().isEmpty()) {
            lastSuccessfulPoll = clock.instant();
        }
    }

    /** Records that reading the stream failed as a whole: a round threw, or the scheduler ended on its own. */
    public void failed(StreamState failedState, String reason) {
        roundLag.set(null);
        caughtUp = false;
        problem = reason;
        state = failedState;
    }

    /** This instance reads the shard from now on. */
    public void shardTaken(String shardId) {
        shards.putIfAbsent(shardId, Duration.ZERO);
    }

    /** This instance no longer reads the shard: it was read to its end, it is gone, or its lease moved. */
    public void shardReleased(String shardId) {
        shards.remove(shardId);
        shardUnblocked(shardId);
    }

    /** How far the records just read from a held shard are behind the newest record of that shard. */
    public void behindLatest(String shardId, Duration behind) {
        shards.computeIfPresent(shardId, (shard, before) -> behind);
    }

    /** The shard stays at a record the listeners keep failing on. */
    public synchronized void shardBlocked(String shardId, String reason) {
        Map<String, String> blocked = new LinkedHashMap<>(blockedShards);
        blocked.put(shardId, reason);
        blockedShards = blocked;
    }

    /** The shard moves on again. */
    public synchronized void shardUnblocked(String shardId) {
        if (blockedShards.containsKey(shardId)) {
            Map<String, String> blocked = new LinkedHashMap<>(blockedShards);
            blocked.remove(shardId);
            blockedShards = blocked;
        }
    }

    public StreamState state() {
        return state;
    }

    /** How far behind the stream this instance is, as {@link StreamStatus#lag()} defines it for the mode. */
    public Duration lag() {
        if (!rounds) {
            return shards.values().stream().max(Duration::compareTo).orElse(Duration.ZERO);
        }
        if (caughtUp) {
            return caughtUpLag;
        }
        Instant newest = newestDelivered.get();
        if (newest == null) {
            return Duration.ZERO;
        }
        Duration lag = Duration.between(newest, clock.instant());
        return lag.isNegative() ? Duration.ZERO : lag;
    }

    /**
     * The stream's status now.
     *
     * @param running whether the container runs; every stream is {@code STOPPED} when it does not
     * @param coordination what only the coordination mode knows (see {@link StreamStatus#coordination()})
     */
    public StreamStatus status(boolean running, Map<String, String> coordination) {
        return new StreamStatus(stream.name(), stream.tableName(), running ? state : StreamState.STOPPED,
                shards.keySet(), blockedShards, lastSuccessfulPoll, lastDelivery, lag(), delivered.sum(), problem,
                coordination);
    }
}
