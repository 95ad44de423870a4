package io.github.dynamodbstream.kcl.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import software.amazon.kinesis.retrieval.polling.SleepTimeController;
import software.amazon.kinesis.retrieval.polling.SleepTimeControllerConfig;

/**
 * How long a shard's reader waits before its next {@code GetRecords}, asked by the Kinesis Client Library before
 * every call but a shard's first. After a page with records it reads again at once, so that a shard that fell behind
 * catches up; after an empty page it waits the poll interval ({@code idleMillisBetweenCalls}, the stream's
 * {@code poll-interval}); after a failed call (KCL then passes no last call) it waits the poll interval too. Every
 * wait counts from the end of the last successful call, and two calls are never closer than
 * {@link #MINIMUM_SPACING}: at most 5 {@code GetRecords} a second per shard, the per-shard read limit Kinesis
 * documents and this module assumes for DynamoDB Streams too.
 *
 * <p>The adapter's own controller waits the poll interval after every page with records, and twice it after an empty
 * one: a shard was read at most one page per poll interval.
 */
public final class ShardReadPacing implements SleepTimeController {

    /** The least time between the end of one {@code GetRecords} on a shard and the start of the next. */
    public static final Duration MINIMUM_SPACING = Duration.ofMillis(200);

    private final Clock clock;

    public ShardReadPacing(Clock clock) {
        this.clock = clock;
    }

    @Override
    public long getSleepTimeMillis(SleepTimeControllerConfig config) {
        Instant lastCall = config.lastSuccessfulCall();
        Integer records = config.lastRecordsCount();
        long pollInterval = Math.max(config.idleMillisBetweenCalls(), MINIMUM_SPACING.toMillis());
        if (lastCall == null || records == null) {
            return pollInterval;
        }
        long wait = records > 0 ? MINIMUM_SPACING.toMillis() : pollInterval;
        long elapsed = Duration.between(lastCall, clock.instant()).toMillis();
        return Math.max(0, wait - Math.max(0, elapsed));
    }
}
