package io.github.dynamodbstream.benchmarks.contender;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time of the threads whose names start with a prefix. Threads that ended are remembered with their last reading
 * so that a pool shrinking does not make the total go down.
 */
final class ThreadCpu {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final String prefix;
    private final Map<Long, Long> lastSeen = new HashMap<>();

    ThreadCpu(String prefix) {
        this.prefix = prefix;
    }

    synchronized long totalNanos() {
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith(prefix)) {
                long cpu = THREADS.getThreadCpuTime(thread.getId());
                if (cpu >= 0) {
                    lastSeen.put(thread.getId(), cpu);
                }
            }
        }
        return lastSeen.values().stream().mapToLong(Long::longValue).sum();
    }
}
