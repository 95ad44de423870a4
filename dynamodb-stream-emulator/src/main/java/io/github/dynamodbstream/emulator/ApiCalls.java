package io.github.dynamodbstream.emulator;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts every call the emulator served, by operation (its API name, such as {@code "GetRecords"}) and outcome:
 * {@value #SUCCESS} or the name of the error answered (such as {@code "LimitExceededException"}). Safe to read
 * while the emulator serves.
 */
public final class ApiCalls {

    /** The outcome of a call answered without an error. */
    public static final String SUCCESS = "Success";

    private final Map<String, Map<String, LongAdder>> counts = new ConcurrentHashMap<>();

    void record(String operation, String outcome) {
        counts.computeIfAbsent(operation, key -> new ConcurrentHashMap<>())
                .computeIfAbsent(outcome, key -> new LongAdder())
                .increment();
    }

    /** Calls of one operation, whatever their outcome. */
    public long count(String operation) {
        Map<String, LongAdder> byOutcome = counts.get(operation);
        return byOutcome == null ? 0 : byOutcome.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Calls of one operation that ended with this outcome. */
    public long count(String operation, String outcome) {
        Map<String, LongAdder> byOutcome = counts.get(operation);
        LongAdder adder = byOutcome == null ? null : byOutcome.get(outcome);
        return adder == null ? 0 : adder.sum();
    }

    /** Calls of every operation. */
    public long total() {
        return counts.keySet().stream().mapToLong(this::count).sum();
    }

    /** The operations called at least once since the last {@link #reset()}. */
    public Set<String> operations() {
        return new TreeMap<>(snapshot()).keySet();
    }

    /** A copy of every count: operation to outcome to calls. */
    public Map<String, Map<String, Long>> snapshot() {
        Map<String, Map<String, Long>> copy = new TreeMap<>();
        counts.forEach((operation, byOutcome) -> {
            Map<String, Long> outcomes = new TreeMap<>();
            byOutcome.forEach((outcome, adder) -> {
                if (adder.sum() > 0) {
                    outcomes.put(outcome, adder.sum());
                }
            });
            if (!outcomes.isEmpty()) {
                copy.put(operation, outcomes);
            }
        });
        return copy;
    }

    /** Sets every count back to zero. */
    public void reset() {
        counts.clear();
    }

    @Override
    public String toString() {
        return snapshot().toString();
    }
}
