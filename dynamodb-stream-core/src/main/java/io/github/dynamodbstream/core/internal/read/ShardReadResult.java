package io.github.dynamodbstream.core.internal.read;

import io.github.dynamodbstream.core.DataLoss;
import io.github.dynamodbstream.core.ShardFailure;
import io.github.dynamodbstream.core.internal.shard.TrackedShard;
import io.github.dynamodbstream.core.record.ChangeType;
import java.util.ArrayList;
import java.util.List;

/** What one read of a shard in a round did. Filled by the reader's thread, read by the coordinator afterwards. */
public final class ShardReadResult {

    /** How a read ended. */
    public enum End {
        /** The shard was read to its tip: nothing more to read now. */
        CAUGHT_UP,
        /** The shard was read to its end and acknowledged. */
        FINISHED,
        /** The stream no longer has the shard. */
        GONE,
        /** The per-round cap of GetRecords calls was reached. */
        CAP_REACHED,
        /** The poller is stopping. */
        STOPPED,
        /** Something failed; see {@link #failure()}. */
        FAILED
    }

    private final TrackedShard shard;
    private End end;
    private ShardFailure failure;
    private int calls;
    private int pagesWithRecords;
    private int emptyPagesInARow;
    private int skipped;
    private int malformed;
    private final int[] delivered = new int[ChangeType.values().length];
    private final List<DataLoss> dataLosses = new ArrayList<>(0);

    ShardReadResult(TrackedShard shard) {
        this.shard = shard;
    }

    public TrackedShard shard() {
        return shard;
    }

    /** GetRecords calls made. */
    public int calls() {
        return calls;
    }

    void countCall() {
        calls++;
    }

    void countPage(boolean withRecords) {
        if (withRecords) {
            pagesWithRecords++;
            emptyPagesInARow = 0;
        } else {
            emptyPagesInARow++;
        }
    }

    int pagesWithRecords() {
        return pagesWithRecords;
    }

    int emptyPagesInARow() {
        return emptyPagesInARow;
    }

    /** Records delivered, indexed by {@link ChangeType} ordinal. */
    public int[] delivered() {
        return delivered;
    }

    void addDelivered(int[] counts) {
        for (int i = 0; i < counts.length; i++) {
            delivered[i] += counts[i];
        }
    }

    public int skipped() {
        return skipped;
    }

    void addSkipped(int count) {
        skipped += count;
    }

    public int malformed() {
        return malformed;
    }

    void addMalformed(int count) {
        malformed += count;
    }

    public List<DataLoss> dataLosses() {
        return dataLosses;
    }

    void addDataLoss(DataLoss loss) {
        dataLosses.add(loss);
    }

    public End end() {
        return end;
    }

    void end(End end) {
        this.end = end;
    }

    public ShardFailure failure() {
        return failure;
    }

    void fail(ShardFailure failure) {
        this.failure = failure;
        this.end = End.FAILED;
    }
}
