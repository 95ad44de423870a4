package io.github.dynamodbstream.core.internal.shard;

import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;

/**
 * What a poller knows of one shard: its lineage, its checkpoint, and where reading goes on. Only one thread uses a
 * shard at a time: the reader that owns it during a round, or the round's coordinator between reads.
 */
public final class TrackedShard {

    private final String shardId;
    private final String parentShardId;
    private boolean listed;
    private boolean closed;
    private boolean finished;
    private String checkpoint;
    private ShardIteratorType initialPosition = ShardIteratorType.TRIM_HORIZON;
    private boolean fromTrimHorizon;
    private String replayFrom;
    private String iterator;
    private boolean hadRecordsLastRound;
    private String conflict;

    TrackedShard(ShardInfo info) {
        this.shardId = info.shardId();
        this.parentShardId = info.parentShardId();
        this.closed = info.closed();
    }

    public String shardId() {
        return shardId;
    }

    public String parentShardId() {
        return parentShardId;
    }

    /** Whether a full listing showed this shard (a child found by its parent may not be listed yet). */
    boolean listed() {
        return listed;
    }

    void markListed(ShardInfo info) {
        listed = true;
        closed = info.closed();
    }

    /** Whether the last listing showed the shard closed: it is read to its end, through empty pages. */
    public boolean closed() {
        return closed;
    }

    /** Whether the shard was read to its end (or skipped by a LATEST start, or gone): it is never read again. */
    public boolean finished() {
        return finished;
    }

    public void markFinished() {
        finished = true;
        iterator = null;
    }

    /** The sequence number of the last record acknowledged, or {@code null}. */
    public String checkpoint() {
        return checkpoint;
    }

    /** Records that the listener acknowledged everything up to {@code sequenceNumber}. */
    public void acknowledge(String sequenceNumber) {
        if (sequenceNumber != null) {
            checkpoint = sequenceNumber;
        }
        fromTrimHorizon = false;
        replayFrom = null;
    }

    /** Where a shard without a checkpoint starts. */
    public ShardIteratorType initialPosition() {
        return initialPosition;
    }

    void startAt(ShardIteratorType position) {
        initialPosition = position;
    }

    /** An iterator of a LATEST start expired before any record was read: start over from the shard's oldest record
     * rather than lose what was written meanwhile. */
    public void restartFromTrimHorizonIfNoCheckpoint() {
        if (checkpoint == null) {
            initialPosition = ShardIteratorType.TRIM_HORIZON;
        }
    }

    /** Whether the records after the checkpoint were trimmed, so reading goes on from the oldest record held. */
    public boolean fromTrimHorizon() {
        return fromTrimHorizon;
    }

    /** The records after the checkpoint are gone: read from the oldest record the shard still holds. */
    public void continueFromTrimHorizon() {
        fromTrimHorizon = true;
        replayFrom = null;
        iterator = null;
    }

    /** The sequence number a batch that was not acknowledged starts at, to be read again; or {@code null}. */
    public String replayFrom() {
        return replayFrom;
    }

    /** A batch starting at {@code sequenceNumber} was not acknowledged: the next read starts at it again. */
    public void replayFrom(String sequenceNumber) {
        replayFrom = checkpoint == null ? sequenceNumber : null;
        iterator = null;
    }

    /** The iterator to read on with, or {@code null} when a new one must be asked for. */
    public String iterator() {
        return iterator;
    }

    public void iterator(String iterator) {
        this.iterator = iterator;
    }

    /**
     * Why the repository refused the shard's checkpoint as another poller's, or {@code null}. Such a shard is not
     * read again by this poller: it would deliver the same records round after round.
     */
    public String conflict() {
        return conflict;
    }

    public void markConflicted(String reason) {
        conflict = reason;
        iterator = null;
    }

    /** Whether the last read of the shard got records: an empty page then is more likely a gap than the tip. */
    public boolean hadRecordsLastRound() {
        return hadRecordsLastRound;
    }

    public void hadRecordsLastRound(boolean hadRecords) {
        hadRecordsLastRound = hadRecords;
    }
}
