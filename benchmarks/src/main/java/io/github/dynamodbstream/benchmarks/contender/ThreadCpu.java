package io.github.dynamodbstream.benchmarks.contender;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time of the threads whose names start with one of some prefixes. Threads that ended are remembered with their
 * last reading so that a pool shrinking does not make the total go down.
 */
final class ThreadCpu {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final List<String> prefixes;
    private final Map<Long, Long> lastSeen = new HashMap<>();

    ThreadCpu(String... prefixes) {
        this.prefixes = List.of(prefixes);
    }

    synchronized long totalNanos() {
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            String name = thread.getName();
            if (prefixes.stream().anyMatch(name::startsWith)) {
                long cpu = THREADS.getThreadCpuTime(thread.getId());
                if (cpu >= 0) {
                    lastSeen.put(thread.getId(), cpu);
                }
            }
        }
        return lastSeen.values().stream().mapToLong(Long::longValue).sum();
    }
}
