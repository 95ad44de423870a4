package io.github.dynamodbstream.kcl;

import io.github.dynamodbstream.core.ChangeRecord;
import java.time.Duration;
import java.util.List;

/**
 * Watches the record processors of the Kinesis Client Library coordination: deliveries, failures, leases and lag.
 * Every method has a no-op default; implementations are called on the shard's processing thread and must be
 * quick and thread-safe. Declare one as a bean to receive the calls; {@link KclStreamMetrics} is the Micrometer
 * one.
 */
public interface KclStreamObserver {

    /** The listeners accepted these records of one shard. */
    default void recordsDelivered(String stream, List<ChangeRecord> records) {
    }

    /** A listener threw on a batch; called once per failed attempt. */
    default void listenerFailed(String stream, String shardId, Throwable failure) {
    }

    /** Records were given up on after the retries ({@code on-failure: skip}). */
    default void recordsSkipped(String stream, String shardId, int count) {
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
