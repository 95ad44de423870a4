package io.github.dynamodbstream.core;

import io.github.dynamodbstream.core.failure.ListenerFailureMode;
import io.github.dynamodbstream.core.internal.round.GuardedObserver;
import io.github.dynamodbstream.core.record.ChangeRecord;
import io.github.dynamodbstream.core.record.ChangeType;
import java.time.Duration;
import java.util.List;

/**
 * Sees what a poller does, for metrics and tracing. Every method has a no-op default; implement the ones you need.
 * Methods are called on the poller's threads, possibly on several at once: keep them fast and thread-safe. An
 * exception a method throws is logged (at WARN the first time for each method) and ignored: reading and
 * checkpointing go on as if the method had returned.
 */
public interface PollerObserver {

    /** An observer that ignores everything. */
    PollerObserver NONE = new PollerObserver() {
    };

    /**
     * One observer that passes every call to each of the given ones, in order; an exception one throws is logged and
     * does not keep the others from being called.
     *
     * @param observers the observers, none {@code null}
     * @return {@link #NONE} when there is none
     */
    static PollerObserver composite(List<? extends PollerObserver> observers) {
        return GuardedObserver.of(observers);
    }

    /**
     * One DynamoDB Streams API call ended, retries counted one by one.
     *
     * @param operation {@code DescribeStream}, {@code GetShardIterator} or {@code GetRecords}
     * @param outcome {@code Success}, or the error code (for example {@code LimitExceededException})
     * @param latency how long the call took
     */
    default void apiCall(String operation, String outcome, Duration latency) {
    }

    /** A call was throttled ({@code LimitExceededException} or another throttling error). */
    default void throttled(String operation) {
    }

    /** The listener accepted {@code count} records of one change type from one shard. */
    default void recordsDelivered(String shardId, ChangeType type, int count) {
    }

    /** Age of the newest record just delivered from a shard: now minus its approximate creation time. */
    default void lag(String shardId, Duration lag) {
    }

    /** The listener threw while handling records of a shard (each attempt counts). */
    default void listenerFailed(String shardId, Throwable failure) {
    }

    /**
     * Records given up on after the listener failed on them ({@link ListenerFailureMode#SKIP},
     * {@link ListenerFailureMode#DEAD_LETTER}, or older than the maximum record age).
     */
    default void recordsSkipped(String shardId, int count) {
    }

    /** Records acknowledged without delivery because the poller's record filter left them out. */
    default void recordsFiltered(String shardId, int count) {
    }

    /** A record could not be read into a {@link ChangeRecord} and was skipped. */
    default void malformedRecord(String shardId, String sequenceNumber) {
    }

    /**
     * A full listing of the stream's shards ({@code DescribeStream}, after its retries) failed after an earlier one
     * succeeded: the round read the shards already known, and the listing is tried again after a backoff.
     */
    default void shardListingFailed(Throwable failure) {
    }

    /** Records were lost before they could be read. */
    default void dataLoss(DataLoss dataLoss) {
    }

    /** A round ended. */
    default void roundCompleted(PollResult result, Duration duration) {
    }
}
