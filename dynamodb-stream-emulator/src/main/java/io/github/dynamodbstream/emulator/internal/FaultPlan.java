package io.github.dynamodbstream.emulator.internal;

import io.github.dynamodbstream.emulator.Fault;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/** The faults still to be answered, per operation, in the order they were injected. */
public final class FaultPlan {

    private final Map<String, Deque<Fault>> pending = new HashMap<>();

    public synchronized void add(String operation, Fault fault, int times) {
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

    public synchronized int pending(String operation) {
        Deque<Fault> queue = pending.get(operation);
        return queue == null ? 0 : queue.size();
    }

    public synchronized void clear() {
        pending.clear();
    }
}
