package io.github.dynamodbstream.core.internal.replica;

import io.github.dynamodbstream.core.DynamoDbStreamPoller;
import io.github.dynamodbstream.core.PollResult;
import io.github.dynamodbstream.core.StreamUnavailableException;
import java.time.Duration;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rounds of a replica that runs its own poller, on a thread named {@code dynamodb-replica-<table>}: each round
 * is reported to the replica; the next starts at once while records are left behind or the replica is catching
 * up, otherwise after the poll interval (or when woken). Closes the poller when it ends.
 */
final class StandaloneLoop {

    private static final Logger log = LoggerFactory.getLogger(StandaloneLoop.class);

    private final DynamoDbStreamPoller poller;
    private final Consumer<PollResult> onRound;
    private final Consumer<StreamUnavailableException> onStreamGone;
    private final BooleanSupplier hurry;
    private final Duration pollInterval;
    private final String tableName;
    private final SynchronousQueue<Boolean> wakeUps = new SynchronousQueue<>();
    private final Thread thread;
    private volatile boolean stopping;

    StandaloneLoop(DynamoDbStreamPoller poller, Consumer<PollResult> onRound,
            Consumer<StreamUnavailableException> onStreamGone, BooleanSupplier hurry, Duration pollInterval,
            String tableName) {
        this.poller = poller;
        this.onRound = onRound;
        this.onStreamGone = onStreamGone;
        this.hurry = hurry;
        this.pollInterval = pollInterval;
        this.tableName = tableName;
        this.thread = new Thread(this::run, "dynamodb-replica-" + tableName);
    }

    void start() {
        thread.start();
    }

    private void run() {
        try {
            while (!stopping) {
                Duration pause = pollInterval;
                try {
                    PollResult result = poller.fetchStreamState();
                    onRound.accept(result);
                    boolean recordsLeft = !result.caughtUp() && result.failedShards().isEmpty();
                    if (recordsLeft || (hurry.getAsBoolean() && result.failedShards().isEmpty())) {
                        pause = Duration.ZERO;
                    }
                } catch (StreamUnavailableException e) {
                    onStreamGone.accept(e);
                    return;
                } catch (RuntimeException e) {
                    if (!stopping) {
                        log.error("A round of the replica of table '{}' failed; trying again in {}", tableName,
                                pollInterval, e);
                    }
                }
                pause(pause);
            }
        } finally {
            poller.close();
        }
    }

    private void pause(Duration pause) {
        if (pause.isZero() || stopping) {
            return;
        }
        try {
            wakeUps.poll(pause.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            stopping = true;
        }
    }

    /** Starts the next round now, if the loop is pausing. */
    void wakeUp() {
        wakeUps.offer(Boolean.TRUE);
    }

    /** Asks the loop to stop after the round in progress. */
    void requestStop() {
        stopping = true;
        wakeUp();
    }

    /** Waits for the loop to end, interrupting it after the timeout. */
    boolean await(Duration timeout) throws InterruptedException {
        if (Thread.currentThread() == thread) {
            return true;
        }
        thread.join(Math.max(1, timeout.toMillis()));
        if (thread.isAlive()) {
            thread.interrupt();
            thread.join(Math.max(1, timeout.toMillis()));
        }
        return !thread.isAlive();
    }
}
