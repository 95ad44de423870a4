package io.github.dynamodbstream.kcl;

import io.github.dynamodbstream.core.ChangeType;
import java.time.Duration;

/**
 * Watches the record processors of the Kinesis Client Library coordination: deliveries, failures, leases and lag.
 * Every method has a no-op default; implementations are called on the shard's processing thread and must be
 * quick and thread-safe. Declare one as a bean to receive the calls; {@link KclStreamMetrics} is the Micrometer
 * one.
 */
public interface KclStreamObserver {

    /** The listeners accepted {@code count} records of one change type from one shard. */
    default void recordsDelivered(String stream, String shardId, ChangeType type, int count) {
    }

    /** A listener threw; called once per failed attempt. */
    default void listenerFailed(String stream, String shardId, Throwable failure) {
    }

    /**
     * Records were given up on after the retries ({@code on-failure: skip} or {@code dead-letter}, or older than
     * {@code max-record-age}).
     */
    default void recordsSkipped(String stream, String shardId, int count) {
    }

    /** Records were acknowledged without delivery because the stream's filter left them out. */
    default void recordsFiltered(String stream, String shardId, int count) {
    }

    /** A record could not be read and was skipped. */
    default void recordMalformed(String stream, String shardId) {
    }

    /** This instance took the lease of a shard and processes it from now on. */
    default void leaseTaken(String stream, String shardId) {
    }

    /** This instance no longer processes a shard: it was read to its end, handed over or its lease was lost. */
    default void leaseReleased(String stream, String shardId) {
    }

    /** How far the records just read from a shard are behind the newest record of that shard. */
    default void behindLatest(String stream, String shardId, Duration behind) {
    }
}
