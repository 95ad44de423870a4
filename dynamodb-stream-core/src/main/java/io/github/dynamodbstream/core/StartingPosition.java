package io.github.dynamodbstream.core;

/**
 * Where a consumer starts reading the shards that are open when it starts for the first time (it has no
 * checkpoint at all). A shard that appears later, or that has no checkpoint in a consumer that already has some,
 * is always read from {@link #TRIM_HORIZON}, so that its first records are never lost.
 *
 * <p><b>Retention.</b> A stream keeps records for 24 hours; older records and shards leave it. The poller reports
 * what it can see was lost: records trimmed after its checkpoint, and shards that left before they were read to
 * their end ({@link StreamListener#onDataLoss}). It cannot see records that left with a parent shard it never
 * tracked: when a child is read from {@code TRIM_HORIZON} after its parent aged out (a consumer that first starts,
 * or restarts after more than 24 hours down, on a stream whose shards have rotated), whatever the parent held and the
 * consumer never read is gone without a trace. Keep consumers down for well under 24 hours to read everything.
 */
public enum StartingPosition {

    /**
     * Only changes made after the consumer starts: shards closed at start are skipped, and so are shards listed
     * open together with a child (a listing is paged, so a parent can show open on one page and its child on a
     * later one); the other open shards start at their tip. Each shard started this way gets a checkpoint without a
     * sequence number at once, so a restart before anything was acknowledged reads it from its oldest record
     * (records may come twice) rather than start at a new tip and skip what was written in between.
     */
    LATEST,

    /** Every change the stream still holds (up to 24 hours): every shard is read from its oldest record, parents first. */
    TRIM_HORIZON
}
