package io.github.dynamodbstream.emulator.internal;

import io.github.dynamodbstream.emulator.Fault;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/** The faults still to be answered, per operation, in the order they were injected. */
public final class FaultPlan {

    /** The one operation whose answers carry stream records. */
    public static final String RECORD_OPERATION = "GetRecords";

    private final Map<String, Deque<Fault>> pending = new HashMap<>();

    /**
     * Queues a fault.
     *
     * @throws IllegalArgumentException when the fault damages records and the operation is not GetRecords
     */
    public synchronized void add(String operation, Fault fault, int times) {
        if (fault.damagesRecord() && !RECORD_OPERATION.equals(operation)) {
            throw new IllegalArgumentException("Fault " + fault + " damages a stream record, so it applies to "
                    + RECORD_OPERATION + " only, not to " + operation + "; inject it for " + RECORD_OPERATION);
        }
        Deque<Fault> queue = pending.computeIfAbsent(operation, key -> new ArrayDeque<>());
        for (int i = 0; i < times; i++) {
            queue.addLast(fault);
        }
    }

    /** The fault for this call of the operation, or {@code null} when none is pending. */
    public synchronized Fault next(String operation) {
        Deque<Fault> queue = pending.get(operation);
        return queue == null ? null : queue.pollFirst();
    }

    /**
     * The fault for this call of the operation when the first pending one is accepted, or {@code null} (the fault
     * then stays pending).
     */
    public synchronized Fault nextIf(String operation, Predicate<Fault> accepted) {
        Deque<Fault> queue = pending.get(operation);
        Fault first = queue == null ? null : queue.peekFirst();
        return first != null && accepted.test(first) ? queue.pollFirst() : null;
    }

    public synchronized int pending(String operation) {
        Deque<Fault> queue = pending.get(operation);
        return queue == null ? 0 : queue.size();
    }

    public synchronized void clear() {
        pending.clear();
    }
}
