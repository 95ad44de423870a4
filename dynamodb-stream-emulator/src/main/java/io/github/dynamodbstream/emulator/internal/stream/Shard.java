package io.github.dynamodbstream.emulator.internal.stream;

/** One shard: a range of partition-key hashes, a place in its lineage and the records written to it. */
final class Shard {

    private final String id;
    private final String parentId;
    private final long hashStart;
    private final long hashEnd;
    private final long createdMillis;
    private final long startingSequenceNumber;
    private final RecordLog log = new RecordLog();
    private final ShardReaders readers = new ShardReaders();
    private long closedMillis = -1;
    private long endingSequenceNumber = -1;
    private long lastTrimmedSequenceNumber = -1;
    private long newestRecordMillis = -1;

    Shard(String id, String parentId, long hashStart, long hashEnd, long createdMillis, long startingSequenceNumber) {
        this.id = id;
        this.parentId = parentId;
        this.hashStart = hashStart;
        this.hashEnd = hashEnd;
        this.createdMillis = createdMillis;
        this.startingSequenceNumber = startingSequenceNumber;
    }

    String id() {
        return id;
    }

    String parentId() {
        return parentId;
    }

    long hashStart() {
        return hashStart;
    }

    long hashEnd() {
        return hashEnd;
    }

    long createdMillis() {
        return createdMillis;
    }

    long startingSequenceNumber() {
        return startingSequenceNumber;
    }

    RecordLog log() {
        return log;
    }

    ShardReaders readers() {
        return readers;
    }

    boolean isOpen() {
        return closedMillis < 0;
    }

    /** The ending sequence number of a closed shard: its last record's, or its starting one when it had none. */
    long endingSequenceNumber() {
        return endingSequenceNumber;
    }

    long lastTrimmedSequenceNumber() {
        return lastTrimmedSequenceNumber;
    }

    void append(long sequenceNumber, long createdAtMillis, RecordRenderer.Rendered rendered) {
        log.append(sequenceNumber, createdAtMillis, rendered.sizeBytes(), rendered.json());
        newestRecordMillis = createdAtMillis;
    }

    void close(long atMillis) {
        closedMillis = atMillis;
        endingSequenceNumber = newestRecordMillis < 0 ? startingSequenceNumber : log.newestSequenceNumber();
    }

    /** Drops the records created at or before the cutoff. */
    void trim(long cutoffMillis) {
        long dropped = log.trimCreatedAtOrBefore(cutoffMillis);
        if (dropped >= 0) {
            lastTrimmedSequenceNumber = dropped;
        }
    }

    /** The time after which, once past the retention period, this closed shard leaves the stream. */
    long ageReferenceMillis() {
        return newestRecordMillis < 0 ? closedMillis : newestRecordMillis;
    }

    /** Highest sequence number that can belong to this shard, given the next one the stream store will issue. */
    long lastSequenceNumberOfRange(long lastIssued) {
        return isOpen() ? lastIssued : endingSequenceNumber;
    }
}
