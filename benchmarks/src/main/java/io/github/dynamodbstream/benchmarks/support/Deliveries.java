package io.github.dynamodbstream.benchmarks.support;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAccumulator;

/**
 * What one contender's listener received: for each expected item (ids {@code firstId} to
 * {@code firstId + expected - 1}) the time it was first delivered, plus counts of every delivery. Thread-safe; the
 * cost of one delivery is a clock read and a compare-and-set, the same for every contender.
 */
public final class Deliveries {

    private final long firstId;
    private final AtomicLongArray firstDeliveryMicros;
    private final AtomicLong distinct = new AtomicLong();
    private final AtomicLong total = new AtomicLong();
    private final LongAccumulator earliestMicros = new LongAccumulator(Math::min, Long.MAX_VALUE);
    private final LongAccumulator latestNewMicros = new LongAccumulator(Math::max, 0);

    public Deliveries(long firstId, int expected) {
        this.firstId = firstId;
        this.firstDeliveryMicros = new AtomicLongArray(expected);
    }

    /** The listener was entered for the item with this id, now. */
    public void delivered(long itemId) {
        delivered(itemId, MicroClock.nowMicros());
    }

    /** The listener was entered for the item with this id at this time (from another process). */
    public void delivered(long itemId, long atMicros) {
        total.incrementAndGet();
        earliestMicros.accumulate(atMicros);
        long index = itemId - firstId;
        if (index >= 0 && index < firstDeliveryMicros.length()
                && firstDeliveryMicros.compareAndSet((int) index, 0, atMicros)) {
            distinct.incrementAndGet();
            latestNewMicros.accumulate(atMicros);
        }
    }

    /** Expected items delivered at least once. */
    public long distinct() {
        return distinct.get();
    }

    /** Deliveries of any item, repeats and items of other runs included. */
    public long total() {
        return total.get();
    }

    /** Size of the expected range of ids. */
    public int expected() {
        return firstDeliveryMicros.length();
    }

    /** When the first delivery of anything happened, or 0 before it. */
    public long earliestMicros() {
        long earliest = earliestMicros.get();
        return earliest == Long.MAX_VALUE ? 0 : earliest;
    }

    /** When the last expected item was delivered for the first time, or 0 before any. */
    public long latestNewMicros() {
        return latestNewMicros.get();
    }

    /** When the item at this position of the expected range was first delivered, or 0 when it never was. */
    public long deliveredAtMicros(int index) {
        return firstDeliveryMicros.get(index);
    }

    /**
     * Waits until at least {@code count} expected items were delivered.
     *
     * @return whether they were, within the timeout
     */
    public boolean awaitDistinct(long count, Duration timeout) {
        return awaitUntil(() -> distinct.get() >= count, timeout);
    }

    /**
     * Waits until anything was delivered.
     *
     * @return whether something was, within the timeout
     */
    public boolean awaitAny(Duration timeout) {
        return awaitUntil(() -> total.get() > 0, timeout);
    }

    private static boolean awaitUntil(java.util.function.BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Pause.millis(2);
        }
        return true;
    }
}
