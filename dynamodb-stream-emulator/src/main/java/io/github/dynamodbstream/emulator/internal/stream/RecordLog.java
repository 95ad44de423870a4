package io.github.dynamodbstream.emulator.internal.stream;

import com.fasterxml.jackson.core.io.SerializedString;

import java.util.Arrays;

/**
 * The records of one shard, oldest first, in parallel arrays. Records are addressed by an absolute index that
 * never changes when older records are trimmed from the head, so iterators stay valid positions.
 */
final class RecordLog {

    private static final int INITIAL_CAPACITY = 16;
    private static final int COMPACT_THRESHOLD = 1024;

    private long[] sequenceNumbers = new long[INITIAL_CAPACITY];
    private long[] createdMillis = new long[INITIAL_CAPACITY];
    private int[] sizes = new int[INITIAL_CAPACITY];
    private SerializedString[] json = new SerializedString[INITIAL_CAPACITY];
    private int head;
    private int tail;
    private long base;

    /** Absolute index of the oldest retained record (equal to {@link #endIndex()} when none is retained). */
    long firstIndex() {
        return base + head;
    }

    /** Absolute index one past the newest record. */
    long endIndex() {
        return base + tail;
    }

    boolean isEmpty() {
        return head == tail;
    }

    void append(long sequenceNumber, long createdAtMillis, int sizeBytes, SerializedString recordJson) {
        if (tail == sequenceNumbers.length) {
            grow();
        }
        sequenceNumbers[tail] = sequenceNumber;
        createdMillis[tail] = createdAtMillis;
        sizes[tail] = sizeBytes;
        json[tail] = recordJson;
        tail++;
    }

    long sequenceNumberAt(long index) {
        return sequenceNumbers[slot(index)];
    }

    long createdMillisAt(long index) {
        return createdMillis[slot(index)];
    }

    int sizeAt(long index) {
        return sizes[slot(index)];
    }

    SerializedString jsonAt(long index) {
        return json[slot(index)];
    }

    long oldestCreatedMillis() {
        return createdMillis[head];
    }

    long newestSequenceNumber() {
        return sequenceNumbers[tail - 1];
    }

    /**
     * Drops every record created at or before {@code cutoffMillis}.
     *
     * @return the sequence number of the newest record dropped, or -1 when none was
     */
    long trimCreatedAtOrBefore(long cutoffMillis) {
        long lastDropped = -1;
        while (head < tail && createdMillis[head] <= cutoffMillis) {
            lastDropped = sequenceNumbers[head];
            json[head] = null;
            head++;
        }
        if (head > COMPACT_THRESHOLD && head > tail / 2) {
            compact();
        }
        return lastDropped;
    }

    /** Absolute index of the first retained record whose sequence number is at least {@code sequenceNumber}. */
    long indexAtOrAfter(long sequenceNumber) {
        int low = head;
        int high = tail;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (sequenceNumbers[mid] < sequenceNumber) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return base + low;
    }

    private int slot(long index) {
        return (int) (index - base);
    }

    private void grow() {
        int capacity = sequenceNumbers.length * 2;
        sequenceNumbers = Arrays.copyOf(sequenceNumbers, capacity);
        createdMillis = Arrays.copyOf(createdMillis, capacity);
        sizes = Arrays.copyOf(sizes, capacity);
        json = Arrays.copyOf(json, capacity);
    }

    private void compact() {
        int retained = tail - head;
        System.arraycopy(sequenceNumbers, head, sequenceNumbers, 0, retained);
        System.arraycopy(createdMillis, head, createdMillis, 0, retained);
        System.arraycopy(sizes, head, sizes, 0, retained);
        System.arraycopy(json, head, json, 0, retained);
        Arrays.fill(json, retained, tail, null);
        base += head;
        tail = retained;
        head = 0;
    }
}
