package io.github.dynamodbstream.core.internal.round;

import io.github.dynamodbstream.core.DataLoss;
import io.github.dynamodbstream.core.RemovedShard;
import io.github.dynamodbstream.core.ShardFailure;
import io.github.dynamodbstream.core.StreamUnavailableException;
import io.github.dynamodbstream.core.internal.read.ShardReadResult;
import io.github.dynamodbstream.core.internal.read.ShardReader;
import io.github.dynamodbstream.core.internal.shard.Checkpoints;
import io.github.dynamodbstream.core.internal.shard.ShardDiscovery;
import io.github.dynamodbstream.core.internal.shard.ShardTracker;
import io.github.dynamodbstream.core.internal.shard.TrackedShard;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the readable shards of one round on the executor, one reader per shard, and, as each read ends, starts the
 * children it made readable: a child runs only after its parent was read to its end, lineages run side by side.
 * The coordinating thread (the caller) owns the tracker; readers own their shard while they run.
 */
final class RoundExecutor {

    private static final Logger log = LoggerFactory.getLogger(RoundExecutor.class);

    private final ShardTracker tracker;
    private final ShardDiscovery discovery;
    private final Checkpoints checkpoints;
    private final ShardReader reader;
    private final Executor executor;
    private final ShardEvents events;

    RoundExecutor(ShardTracker tracker, ShardDiscovery discovery, Checkpoints checkpoints, ShardReader reader,
            Executor executor, ShardEvents events) {
        this.tracker = tracker;
        this.discovery = discovery;
        this.checkpoints = checkpoints;
        this.reader = reader;
        this.executor = executor;
        this.events = events;
    }

    private record Completion(TrackedShard shard, ShardReadResult result, Throwable failure) {
    }

    /**
     * Reads every readable shard, and the children they make readable, until none is left.
     *
     * @throws StreamUnavailableException when a shard is gone because the whole stream is
     * @throws Error when a listener threw one (the other readers stop after their batch in flight)
     */
    void run(RoundTally tally, BooleanSupplier stopping) {
        BlockingQueue<Completion> completions = new LinkedBlockingQueue<>();
        Set<String> scheduled = new HashSet<>();
        Error error = null;
        StreamUnavailableException unavailable = null;
        boolean[] aborted = {false};
        BooleanSupplier stop = () -> aborted[0] || stopping.getAsBoolean();
        int outstanding = 0;
        for (TrackedShard shard : tracker.readable()) {
            outstanding += schedule(shard, scheduled, completions, stop, tally);
        }
        boolean interrupted = false;
        while (outstanding > 0) {
            Completion completion;
            try {
                completion = completions.take();
            } catch (InterruptedException e) {
                interrupted = true;
                aborted[0] = true;
                continue;
            }
            outstanding--;
            Throwable failure = completion.failure() instanceof CompletionException wrapped && wrapped.getCause() != null
                    ? wrapped.getCause() : completion.failure();
            if (failure instanceof Error e) {
                error = error == null ? e : error;
                aborted[0] = true;
                tally.notCaughtUp();
            } else if (failure != null) {
                tally.failure(new ShardFailure(completion.shard().shardId(), "reading failed: " + failure, failure));
            } else {
                tally.add(completion.result());
                List<TrackedShard> next = List.of();
                try {
                    next = readEnded(completion.result(), tally);
                } catch (StreamUnavailableException e) {
                    unavailable = e;
                    aborted[0] = true;
                } catch (RuntimeException e) {
                    tally.failure(new ShardFailure(completion.shard().shardId(),
                            "could not record the end of the shard: " + e, e));
                }
                if (!stop.getAsBoolean()) {
                    for (TrackedShard child : next) {
                        outstanding += schedule(child, scheduled, completions, stop, tally);
                    }
                } else if (!next.isEmpty()) {
                    tally.notCaughtUp();
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (error != null) {
            throw error;
        }
        if (unavailable != null) {
            throw unavailable;
        }
    }

    private int schedule(TrackedShard shard, Set<String> scheduled, BlockingQueue<Completion> completions,
            BooleanSupplier stop, RoundTally tally) {
        if (!scheduled.add(shard.shardId())) {
            return 0;
        }
        try {
            executor.execute(() -> {
                try {
                    completions.add(new Completion(shard, reader.read(shard, stop), null));
                } catch (Throwable t) {
                    completions.add(new Completion(shard, null, t));
                }
            });
            return 1;
        } catch (RejectedExecutionException e) {
            tally.failure(new ShardFailure(shard.shardId(), "the executor refused the read: it is shut down or full", e));
            return 0;
        }
    }

    /** Handles the end of a read; returns the shards it made readable. */
    private List<TrackedShard> readEnded(ShardReadResult result, RoundTally tally) {
        TrackedShard shard = result.shard();
        for (DataLoss loss : result.dataLosses()) {
            tally.dataLoss(loss);
            events.dataLoss(loss);
        }
        switch (result.end()) {
            case FINISHED -> {
                events.removedShards(List.of(new RemovedShard(shard.shardId(), RemovedShard.Reason.FINISHED)));
                return childrenOf(shard.shardId(), tally);
            }
            case GONE -> {
                shardGone(shard, tally);
                tally.notCaughtUp();
                return tracker.readableChildrenOf(shard.shardId());
            }
            default -> {
                return List.of();
            }
        }
    }

    private List<TrackedShard> childrenOf(String shardId, RoundTally tally) {
        if (!tracker.hasChildren(shardId)) {
            try {
                List<String> added = tracker.addChildren(discovery.children(shardId));
                tally.newShards(added);
                events.newShards(added, false);
            } catch (RuntimeException e) {
                log.warn("Could not list the children of shard {}; the next round lists the whole stream", shardId, e);
                discovery.requestListing();
                tally.notCaughtUp();
            }
        }
        return tracker.readableChildrenOf(shardId);
    }

    private void shardGone(TrackedShard shard, RoundTally tally) {
        discovery.checkStreamExists();
        DataLoss loss = new DataLoss(shard.shardId(), shard.checkpoint(), DataLoss.Reason.SHARD_GONE);
        tally.dataLoss(loss);
        events.dataLoss(loss);
        checkpoints.save(shard.shardId(), shard.checkpoint(), true);
        shard.markFinished();
        discovery.requestListing();
        events.removedShards(List.of(new RemovedShard(shard.shardId(), RemovedShard.Reason.GONE)));
    }
}
