package io.github.dynamodbstream.core.internal.round;

import io.github.dynamodbstream.core.PollResult;
import io.github.dynamodbstream.core.PollerObserver;
import io.github.dynamodbstream.core.StartingPosition;
import io.github.dynamodbstream.core.StreamListener;
import io.github.dynamodbstream.core.internal.read.ShardReader;
import io.github.dynamodbstream.core.internal.shard.Checkpoints;
import io.github.dynamodbstream.core.internal.shard.ShardDiscovery;
import io.github.dynamodbstream.core.internal.shard.ShardTracker;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One round: list the stream when due, read every readable shard parent-first, deliver, checkpoint, report. Not
 * thread-safe: the poller runs one round at a time.
 */
public final class RoundRunner {

    private static final Logger log = LoggerFactory.getLogger(RoundRunner.class);

    private final ShardTracker tracker = new ShardTracker();
    private final ShardRefresh refresh;
    private final RoundExecutor executor;
    private final PollerObserver observer;

    public RoundRunner(ShardDiscovery discovery, Checkpoints checkpoints, ShardReader reader, Executor executor,
            StreamListener listener, PollerObserver observer, String streamArn, StartingPosition startingPosition) {
        ShardEvents events = new ShardEvents(listener, observer, streamArn);
        this.refresh = new ShardRefresh(discovery, tracker, checkpoints, events, streamArn, startingPosition);
        this.executor = new RoundExecutor(tracker, discovery, checkpoints, reader, executor, events);
        this.observer = observer;
    }

    /**
     * Runs a round.
     *
     * @param stopping tells whether the poller is stopping: readers end after their batch in flight
     * @return what the round did
     */
    public PollResult run(BooleanSupplier stopping) {
        long start = System.nanoTime();
        RoundTally tally = new RoundTally();
        refresh.refreshIfDue(tally);
        executor.run(tally, stopping);
        PollResult result = tally.result();
        Duration duration = Duration.ofNanos(System.nanoTime() - start);
        if (log.isDebugEnabled()) {
            log.debug("Round done in {} ms: {} records delivered from {} shards, {} tracked, caught up: {}",
                    duration.toMillis(), result.recordsDelivered(), result.shardsRead(), tracker.size(),
                    result.caughtUp());
        }
        observer.roundCompleted(result, duration);
        return result;
    }

    /** Number of shards the poller keeps track of. */
    public int trackedShards() {
        return tracker.size();
    }
}
