package io.github.dynamodbstream.core.internal.round;

import io.github.dynamodbstream.core.PollResult;
import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs rounds one after another on its own thread: right away while a round leaves records behind, otherwise after
 * the poll interval. A failed round is logged and the loop goes on; only an {@link Error} ends it, logged at ERROR and
 * kept in {@link #failure()}.
 *
 * <p>The thread is not a daemon: like a server's, it keeps the JVM running until the loop is stopped, so that a
 * {@code main} that only starts a poller does not exit at once. A daemon thread would let the JVM exit in the
 * middle of a batch with no graceful stop.
 */
public final class PollLoop {

    private static final Logger log = LoggerFactory.getLogger(PollLoop.class);

    private final Supplier<PollResult> round;
    private final Duration pollInterval;
    private final String streamArn;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wakeUp = lock.newCondition();
    private final Thread thread;
    private volatile boolean stopping;
    private volatile boolean ended;
    private volatile Error failure;

    public PollLoop(Supplier<PollResult> round, Duration pollInterval, String streamArn) {
        this.round = round;
        this.pollInterval = pollInterval;
        this.streamArn = streamArn;
        this.thread = PollerThreads.named("dynamodb-stream-poll-", false).newThread(this::run);
    }

    public void start() {
        thread.start();
        log.info("Polling stream {} every {}", streamArn, pollInterval);
    }

    private void run() {
        try {
            loop();
        } finally {
            ended = true;
        }
    }

    private void loop() {
        while (!stopping) {
            Duration pause = pollInterval;
            try {
                PollResult result = round.get();
                if (!result.caughtUp() && result.failedShards().isEmpty()) {
                    pause = Duration.ZERO;
                }
            } catch (RuntimeException e) {
                if (!stopping) {
                    log.error("A round on stream {} failed; trying again in {}", streamArn, pollInterval, e);
                }
            } catch (Error e) {
                failure = e;
                log.error("Polling stream {} stopped: a round threw {}. No more rounds run until start() is called "
                        + "again; fix the cause first (often a listener that threw an Error), or close() the poller.",
                        streamArn, e, e);
                return;
            }
            pause(pause);
        }
    }

    private void pause(Duration pause) {
        if (pause.isZero()) {
            return;
        }
        lock.lock();
        try {
            long nanos = pause.toNanos();
            while (!stopping && nanos > 0) {
                nanos = wakeUp.awaitNanos(nanos);
            }
        } catch (InterruptedException e) {
            stopping = true;
        } finally {
            lock.unlock();
        }
    }

    /** Whether the loop still runs rounds: it was started, and has not stopped nor ended on an {@link Error}. */
    public boolean isRunning() {
        return thread.isAlive() && !ended;
    }

    /** The {@link Error} that ended the loop, or {@code null}. */
    public Error failure() {
        return failure;
    }

    /** Asks the loop to stop: no new round starts. */
    public void requestStop() {
        stopping = true;
        lock.lock();
        try {
            wakeUp.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits for the loop to end; interrupts it when it does not end in time.
     *
     * @param timeout how long to wait for the round in progress
     * @return whether the loop ended in time
     */
    public boolean await(Duration timeout) throws InterruptedException {
        if (thread.isAlive()) {
            thread.join(Math.max(1, timeout.toMillis()));
        }
        if (thread.isAlive()) {
            thread.interrupt();
            return false;
        }
        return true;
    }
}
