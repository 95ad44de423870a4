package io.github.dynamodbstream.benchmarks.support;

import java.util.Arrays;

/** Nearest-rank percentiles of a sample. */
public final class Percentiles {

    private final long[] sorted;

    public Percentiles(long[] values) {
        this.sorted = values.clone();
        Arrays.sort(sorted);
    }

    public int size() {
        return sorted.length;
    }

    /**
     * The value at or below which {@code percent} of the sample lies.
     *
     * @throws IllegalStateException when the sample is empty
     */
    public long at(double percent) {
        if (sorted.length == 0) {
            throw new IllegalStateException("No values to take a percentile of");
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
    }

    public long max() {
        return at(100);
    }
}
