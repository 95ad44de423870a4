package io.github.dynamodbstream.spring.poller;

import io.github.dynamodbstream.core.ChangeType;
import io.github.dynamodbstream.core.DataLoss;
import io.github.dynamodbstream.core.PollResult;
import io.github.dynamodbstream.core.PollerObserver;
import io.github.dynamodbstream.core.ShardFailure;
import io.github.dynamodbstream.spring.StreamDefinition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one stream's poller did since the container started: the observer part is called on the reader threads, the
 * round outcomes on the stream's round thread, and {@link #status} on any thread.
 */
final class StreamActivity implements PollerObserver {

    private final StreamDefinition stream;
    private final Clock clock;
    private final Set<String> activeShards = ConcurrentHashMap.newKeySet();
    private final AtomicReference<Instant> newestDelivered = new AtomicReference<>();
    private final AtomicReference<Duration> roundLag = new AtomicReference<>();
    private final LongAdder delivered = new LongAdder();
    private volatile StreamState state = StreamState.STARTING;
    private volatile Map<String, String> blockedShards = Map.of();
    private volatile Instant lastSuccessfulPoll;
    private volatile boolean caughtUp;
    private volatile Duration caughtUpLag = Duration.ZERO;
    private volatile String problem;

    StreamActivity(StreamDefinition stream, Clock clock) {
        this.stream = stream;
        this.clock = clock;
    }

    @Override
    public void recordsDelivered(String shardId, ChangeType type, int count) {
        delivered.add(count);
    }

    @Override
    public void lag(String shardId, Duration lag) {
        roundLag.accumulateAndGet(lag, (a, b) -> a == null || b.compareTo(a) > 0 ? b : a);
        Instant created = clock.instant().minus(lag);
        newestDelivered.accumulateAndGet(created, (a, b) -> a == null || b.isAfter(a) ? b : a);
    }

    @Override
    public void roundCompleted(PollResult result, Duration duration) {
        activeShards.addAll(result.newShards());
        result.finishedShards().forEach(activeShards::remove);
        for (DataLoss loss : result.dataLosses()) {
            if (loss.reason() == DataLoss.Reason.SHARD_GONE) {
                activeShards.remove(loss.shardId());
            }
        }
    }

    /** Records the outcome of a round that returned. */
    void roundEnded(PollResult result) {
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

    /** Records a round that threw. */
    void roundFailed(StreamState failedState, String reason) {
        roundLag.set(null);
        caughtUp = false;
        problem = reason;
        state = failedState;
    }

    StreamState state() {
        return state;
    }

    Duration lag() {
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

    StreamStatus status(boolean running) {
        return new StreamStatus(stream.name(), stream.tableName(), running ? state : StreamState.STOPPED,
                activeShards, blockedShards, lastSuccessfulPoll, lag(), delivered.sum(), problem);
    }
}
