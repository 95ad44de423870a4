package io.github.dynamodbstream.benchmarks.contender;

import io.github.dynamodbstream.benchmarks.support.Deliveries;
import java.util.Optional;

/**
 * One consumer under test. Its life in a scenario: {@link #prepare} (position on the stream and poll nothing more),
 * {@link #startPolling()}, then {@link #close()}. Every contender calls {@link Deliveries#delivered(long)} from its
 * listener with the item's id, and does nothing else with the record.
 */
public interface Contender extends AutoCloseable {

    /** The name in reports, such as {@code core}. */
    String name();

    /**
     * Connects to the stream and positions itself at the start position (its first round), then waits.
     *
     * @param target the stream to read
     * @param deliveries where the listener reports what it received
     */
    void prepare(StreamTarget target, Deliveries deliveries);

    /**
     * Gets ready for a pass where items are written between this call and {@link #startPolling()}, all to be read
     * then, and polls nothing until then. By default {@link #prepare}: positioned at {@code LATEST} and waiting. A
     * contender that cannot wait positioned without polling starts from {@code TRIM_HORIZON} instead, which on a fresh
     * stream reads the same records.
     */
    default void prepareWithoutPolling(StreamTarget target, Deliveries deliveries) {
        prepare(target, deliveries);
    }

    /** Starts polling in the background, after {@link #prepare} or {@link #prepareWithoutPolling}. */
    void startPolling();

    /**
     * When the contender sent its first call after {@link #startPolling()}, for a contender whose polling begins only
     * on its next scheduled tick; empty for one that polls at once.
     */
    default Optional<Long> firstCallAfterStartMicros() {
        return Optional.empty();
    }

    /** CPU time used so far by the contender's own threads or process, and the rounds run, when it can tell. */
    default Optional<CpuUse> cpuUse() {
        return Optional.empty();
    }

    /** Stops polling and frees everything the contender made. */
    @Override
    void close();

    /**
     * CPU time and rounds, both counted since the contender was prepared.
     *
     * @param cpuNanos CPU time of the contender's threads (or process)
     * @param rounds polls of the whole stream
     */
    record CpuUse(long cpuNanos, long rounds) {
    }
}
