package io.github.dynamodbstream.kcl.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import software.amazon.kinesis.retrieval.polling.SleepTimeController;
import software.amazon.kinesis.retrieval.polling.SleepTimeControllerConfig;

/**
 * How long a shard's reader waits before its next {@code GetRecords}, asked by the Kinesis Client Library before
 * every call but a shard's first. Every wait counts from the end of the last successful call:
 * <ul>
 *   <li>after a full page (as many records as asked for) it reads again at once: the shard has a backlog, and a
 *       shard that fell behind catches up at the speed of its calls;</li>
 *   <li>after a page with fewer records it has caught up, and reads again after the shorter of the poll interval and
 *       {@link #CAUGHT_UP_SPACING}: a busy shard is then read in pages of what was written meanwhile rather than a
 *       few records a call, each of which would cost a checkpoint on the lease table;</li>
 *   <li>after an empty page, or a failed call (KCL then passes no last call), it waits the poll interval
 *       ({@code idleMillisBetweenCalls}, the stream's {@code poll-interval}).</li>
 * </ul>
 *
 * <p>The adapter's own controller waits the poll interval after every page with records, and twice it after an empty
 * one: a shard was read at most one page per poll interval.
 */
public final class ShardReadPacing implements SleepTimeController {

    /** The longest wait after a page that held records but fewer than asked for. */
    public static final Duration CAUGHT_UP_SPACING = Duration.ofMillis(200);

    private final Clock clock;
    private final int maxRecords;

    /**
     * @param maxRecords the records each {@code GetRecords} asks for: a page that holds as many is a full page
     */
    public ShardReadPacing(Clock clock, int maxRecords) {
        this.clock = clock;
        this.maxRecords = maxRecords;
    }

    @Override
    public long getSleepTimeMillis(SleepTimeControllerConfig config) {
        Instant lastCall = config.lastSuccessfulCall();
        Integer records = config.lastRecordsCount();
        long pollInterval = config.idleMillisBetweenCalls();
        if (lastCall == null || records == null) {
            return pollInterval;
        }
        long wait = records >= maxRecords ? 0
                : records > 0 ? Math.min(pollInterval, CAUGHT_UP_SPACING.toMillis())
                : pollInterval;
        long elapsed = Duration.between(lastCall, clock.instant()).toMillis();
        return Math.max(0, wait - Math.max(0, elapsed));
    }
}
