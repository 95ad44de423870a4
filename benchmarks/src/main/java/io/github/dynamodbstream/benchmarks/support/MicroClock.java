package io.github.dynamodbstream.benchmarks.support;

import java.time.Instant;

/**
 * Wall-clock time in microseconds since the epoch, read from a monotonic counter anchored once to the system clock,
 * so that times taken in this process never go backwards and compare with those of the Node.js contender (which reads
 * the same system clock).
 */
public final class MicroClock {

    private static final long ANCHOR_NANOS = System.nanoTime();
    private static final long ANCHOR_MICROS = toMicros(Instant.now());

    private MicroClock() {
    }

    /** Now, in microseconds since the epoch. */
    public static long nowMicros() {
        return ANCHOR_MICROS + (System.nanoTime() - ANCHOR_NANOS) / 1_000;
    }

    private static long toMicros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
    }
}
