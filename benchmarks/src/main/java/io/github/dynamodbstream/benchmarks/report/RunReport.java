package io.github.dynamodbstream.benchmarks.report;

import io.github.dynamodbstream.benchmarks.scenario.IdleCostScenario.IdleResult;
import io.github.dynamodbstream.benchmarks.scenario.LatencyScenario.LatencyResult;
import io.github.dynamodbstream.benchmarks.scenario.ScaleScenario.ScaleResult;
import io.github.dynamodbstream.benchmarks.scenario.StartupScenario.StartupResult;
import io.github.dynamodbstream.benchmarks.scenario.ThroughputScenario.ThroughputResult;
import java.util.List;
import java.util.Map;

/**
 * Everything one run measured. A scenario that was not run is {@code null}.
 *
 * @param date when the run started, ISO-8601 UTC
 * @param command the command that ran it
 * @param mode {@code full} or {@code quick}
 * @param machine where it ran
 * @param contenders the contenders and their versions
 * @param startup the start-up scenario
 * @param throughput the throughput scenario
 * @param latency the latency scenario
 * @param idleCost the idle API cost scenario
 * @param scale the scale scenario
 * @param notes what the run could not do, and why
 */
public record RunReport(String date, String command, String mode, Machine machine, Map<String, String> contenders,
        StartupResult startup, ThroughputResult throughput, LatencyResult latency, IdleResult idleCost,
        List<ScaleResult> scale, List<String> notes) {

    /**
     * The machine.
     *
     * @param cores processors the JVM sees
     * @param os operating system
     * @param java Java runtime
     * @param maxHeapMegabytes the harness JVM's maximum heap
     * @param heapFixed whether that heap was committed and touched in full at the JVM's start (the runs before this
     *     field existed read {@code false}: their heap grew and shrank)
     * @param loadBefore one-minute load average when the run started
     * @param loadAfter one-minute load average when it ended
     */
    public record Machine(int cores, String os, String java, long maxHeapMegabytes, boolean heapFixed,
            double loadBefore, double loadAfter) {
    }
}
