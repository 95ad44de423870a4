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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the readable shards of one round on the executor, one reader per shard, and, as each read ends, starts the
 * children it made readable: a child runs only after its parent was read to its end, lineages run side by side.
 * The coordinating thread (the caller) owns the tracker; readers own their shard while they run.
 */
record RoundExecutor(ShardTracker tracker, ShardDiscovery discovery, Checkpoints checkpoints, ShardReader reader,
        Executor executor, ShardEvents events) {

    private static final Logger log = LoggerFactory.getLogger(RoundExecutor.class);
    private static final long WITHDRAW_CHECK_MILLIS = 50;

    /** How a read ended; {@code withdrawn} when it never ran: the executor dropped it, or the round was stopped. */
    private record Completion(TrackedShard shard, ShardReadResult result, Throwable failure, boolean withdrawn) {
    }

    /**
     * One shard's read, handed to the executor. Whoever claims it first decides: the executor's thread runs the
     * read, or the coordinator withdraws it (a task an executor never runs, because it was shut down or discards
     * tasks, would otherwise be waited for forever). Either way exactly one completion is posted.
     */
    private final class ReadTask implements Runnable {

        private final TrackedShard shard;
        private final BooleanSupplier stop;
        private final BlockingQueue<Completion> completions;
        private final AtomicBoolean claimed = new AtomicBoolean();

        ReadTask(TrackedShard shard, BooleanSupplier stop, BlockingQueue<Completion> completions) {
            this.shard = shard;
            this.stop = stop;
            this.completions = completions;
        }

        @Override
        public void run() {
            if (!claimed.compareAndSet(false, true)) {
                return;
            }
            try {
                completions.add(new Completion(shard, reader.read(shard, stop), null, false));
            } catch (Throwable t) {
                completions.add(new Completion(shard, null, t, false));
            }
        }

        /** Takes the task back if no thread has started it. */
        void withdraw() {
            if (claimed.compareAndSet(false, true)) {
                completions.add(new Completion(shard, null, null, true));
            }
        }
    }

    /**
     * Reads every readable shard, and the children they make readable, until none is left. Returns only when no
     * reader of the round is running any more: a read the executor has not started when the poller stops, the
     * thread is interrupted or the executor is shut down is withdrawn and counts as stopped.
     *
     * @throws StreamUnavailableException when a shard is gone because the whole stream is
     * @throws Error when a listener threw one, while handling records or a notice such as
     *         {@code onRemovedShards}: it is thrown once the other readers stopped after their batch in flight, so
     *         that no reader of this round is left running when the next round starts
     */
    void run(RoundTally tally, BooleanSupplier stopping) {
        BlockingQueue<Completion> completions = new LinkedBlockingQueue<>();
        Map<String, ReadTask> pending = new HashMap<>();
        Set<String> scheduled = new HashSet<>();
        Error error = null;
        StreamUnavailableException unavailable = null;
        boolean[] aborted = {false};
        BooleanSupplier stop = () -> aborted[0] || stopping.getAsBoolean();
        for (TrackedShard conflicted : tracker.conflicted()) {
            tally.failure(new ShardFailure(conflicted.shardId(), conflicted.conflict(), null));
        }
        for (TrackedShard shard : tracker.readable()) {
            schedule(shard, scheduled, pending, completions, stop, tally);
        }
        boolean interrupted = false;
        while (!pending.isEmpty()) {
            Completion completion;
            try {
                completion = completions.poll(WITHDRAW_CHECK_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                interrupted = true;
                aborted[0] = true;
                completion = null;
            }
            if (completion == null) {
                if (stop.getAsBoolean() || executorShutDown()) {
                    pending.values().forEach(ReadTask::withdraw);
                }
                continue;
            }
            pending.remove(completion.shard().shardId());
            if (completion.withdrawn()) {
                tally.notCaughtUp();
                continue;
            }
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
                } catch (Error e) {
                    error = error == null ? e : error;
                    aborted[0] = true;
                    tally.notCaughtUp();
                }
                if (!stop.getAsBoolean()) {
                    for (TrackedShard child : next) {
                        schedule(child, scheduled, pending, completions, stop, tally);
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

    private boolean executorShutDown() {
        return executor instanceof ExecutorService service && service.isShutdown();
    }

    private void schedule(TrackedShard shard, Set<String> scheduled, Map<String, ReadTask> pending,
            BlockingQueue<Completion> completions, BooleanSupplier stop, RoundTally tally) {
        if (!scheduled.add(shard.shardId())) {
            return;
        }
        ReadTask task = new ReadTask(shard, stop, completions);
        pending.put(shard.shardId(), task);
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            pending.remove(shard.shardId());
            tally.failure(new ShardFailure(shard.shardId(), "the executor refused the read: it is shut down or full", e));
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
