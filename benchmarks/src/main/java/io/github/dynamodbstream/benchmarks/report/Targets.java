package io.github.dynamodbstream.benchmarks.report;

import static io.github.dynamodbstream.benchmarks.report.Markdown.decimal;
import static io.github.dynamodbstream.benchmarks.report.Markdown.number;
import static io.github.dynamodbstream.benchmarks.report.Markdown.ratio;

import io.github.dynamodbstream.benchmarks.contender.StarterContender;
import io.github.dynamodbstream.benchmarks.scenario.IdleCostScenario.IdleCost;
import io.github.dynamodbstream.benchmarks.scenario.LatencyScenario.ContenderLatency;
import io.github.dynamodbstream.benchmarks.scenario.LatencyScenario.IntervalRun;
import io.github.dynamodbstream.benchmarks.scenario.LatencyScenario.RotationLatency;
import io.github.dynamodbstream.benchmarks.scenario.ScaleScenario.HeapUse;
import io.github.dynamodbstream.benchmarks.scenario.ScaleScenario.ScaleResult;
import io.github.dynamodbstream.benchmarks.scenario.ThroughputScenario.Pass;
import io.github.dynamodbstream.benchmarks.scenario.ThroughputScenario.ThroughputResult;
import io.github.dynamodbstream.benchmarks.support.Calls;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;

/** The targets, each held against what the run measured. */
final class Targets {

    private static final double IDLE_TOLERANCE = 1.05;
    private static final long DISCOVERY_INTERVAL_SECONDS = 30;
    private static final double MAX_BYTES_PER_SHARD = 2048;
    private static final String KCL = "kcl";
    /** The contenders held to the latency target: this project's consumers. */
    private static final Set<String> LATENCY_CONTENDERS = Set.of("core", "starter", KCL);

    private Targets() {
    }

    /**
     * One target.
     *
     * @param target what the issue aims for
     * @param measured what the run measured
     * @param verdict met, or missed by how much
     */
    record Target(String target, String measured, String verdict) {
    }

    static List<Target> of(RunReport report) {
        List<Target> targets = new ArrayList<>();
        if (report.throughput() != null) {
            throughput(targets, report.throughput().live(), "live");
            throughput(targets, report.throughput().backlog(), "backlog");
            kclThroughput(targets, report.throughput());
            find(report.throughput().live(), KCL).ifPresent(pass -> targets.add(new Target(
                    "KCL mode: DynamoDB (lease table) calls per 10,000 records, live",
                    tableCalls(pass.calls(), 10_000.0 / Math.max(1, pass.delivered())),
                    "no target: what coordination costs on top of the DynamoDB Streams calls")));
        }
        if (report.latency() != null) {
            latency(targets, report);
        }
        if (report.idleCost() != null) {
            idle(targets, report);
            report.idleCost().contenders().stream().filter(cost -> cost.contender().equals(KCL)).findFirst()
                    .ifPresent(cost -> targets.add(new Target(
                            "KCL mode: DynamoDB (lease table) calls per idle shard-hour",
                            tableCalls(cost.calls(), 3600.0 / cost.seconds() / report.idleCost().shards()),
                            "no target: what coordination costs on top of the DynamoDB Streams calls")));
        }
        if (report.scale() != null) {
            heap(targets, report.scale());
        }
        targets.add(new Target("No call retried more than the retry policy allows",
                "not exercised here: no faults are injected in these runs", "see the reliability tests"));
        targets.add(new Target("No heap growth over a long run", "not measured by this harness", "open"));
        return targets;
    }

    private static void throughput(List<Target> targets, List<Pass> passes, String pass) {
        Optional<Pass> core = find(passes, "core");
        Optional<Pass> starter = find(passes, "starter");
        Optional<Pass> node = passes.stream().filter(p -> p.contender().startsWith("node")).findFirst();
        core.ifPresent(c -> targets.add(atLeast("Core ≥ 0.9 × the ceiling's records/s (" + pass + ")",
                c.ratioToCeiling(), 0.9)));
        double starterRatio = pass.equals("backlog") ? 0.9 : 0.8;
        starter.ifPresent(s -> targets.add(atLeast("Starter ≥ " + starterRatio + " × the ceiling's records/s ("
                + pass + ")", s.ratioToCeiling(), starterRatio)));
        if (pass.equals("backlog")) {
            find(passes, StarterContender.OBSERVED).ifPresent(s -> targets.add(atLeast("Starter with a recording "
                    + "ObservationRegistry ≥ 0.8 × the ceiling's records/s (backlog)", s.ratioToCeiling(), 0.8)));
            if (core.isPresent() && starter.isPresent() && core.get().cpuMicrosPerRecord() != null
                    && starter.get().cpuMicrosPerRecord() != null) {
                double times = starter.get().cpuMicrosPerRecord() / core.get().cpuMicrosPerRecord();
                targets.add(atMost("Starter's CPU per record ≤ 1.5 × the core's (backlog; "
                        + decimal(starter.get().cpuMicrosPerRecord(), 1) + " and "
                        + decimal(core.get().cpuMicrosPerRecord(), 1) + " µs)", times, 1.5));
            }
        }
        if (core.isPresent() && node.isPresent()) {
            double times = core.get().recordsPerSecond() / node.get().recordsPerSecond();
            targets.add(atLeast("Core ≥ 5 × the Node.js library's records/s (" + pass + ")", times, 5.0));
        }
    }

    private static void kclThroughput(List<Target> targets, ThroughputResult result) {
        find(result.backlog(), KCL).ifPresent(kcl -> targets.add(atLeast(
                "KCL mode ≥ 0.5 × the ceiling's records/s (backlog)", kcl.ratioToCeiling(), 0.5)));
        find(result.live(), KCL).filter(kcl -> kcl.drainSeconds() != null).ifPresent(kcl -> targets.add(atMost(
                "KCL mode: drain after the last write ≤ 2 poll intervals (live, " + result.pollIntervalMillis()
                        + " ms)", Math.round(kcl.drainSeconds() * 1000), 2 * result.pollIntervalMillis(), " ms")));
        List<Double> firstRecord = result.startToFirstRecordSeconds() == null ? List.of()
                : result.startToFirstRecordSeconds().getOrDefault(KCL, List.of());
        if (!firstRecord.isEmpty()) {
            targets.add(new Target("KCL mode: a fresh instance's start to its first record (backlog passes)",
                    "median " + decimal(firstRecord.get(firstRecord.size() / 2), 1) + " s ("
                            + decimal(firstRecord.get(0), 1) + " – "
                            + decimal(firstRecord.get(firstRecord.size() - 1), 1) + " s)",
                    "no target: KCL's start-up on new lease tables, then the first read"));
        }
    }

    private static void latency(List<Target> targets, RunReport report) {
        for (IntervalRun run : report.latency().steady()) {
            long limit = run.pollIntervalMillis() + 100;
            for (ContenderLatency latency : run.contenders()) {
                if (LATENCY_CONTENDERS.contains(latency.contender())) {
                    String target = "p99 ≤ poll interval + 100 ms (" + latency.contender() + ", "
                            + run.pollIntervalMillis() + " ms)";
                    targets.add(atMost(target, latency.p99Millis(), limit, " ms"));
                }
            }
        }
        if (report.latency().rotation() != null) {
            long interval = report.latency().rotation().pollIntervalMillis();
            for (RotationLatency rotation : report.latency().rotation().contenders()) {
                if (rotation.contender().equals("core") || rotation.contender().equals("starter")) {
                    targets.add(atMost("After a rotation, a child's first record within one poll interval of its "
                                    + "parent's last (" + rotation.contender() + ", " + interval + " ms)",
                            rotation.childAfterParentMillis(), interval, " ms"));
                }
                if (rotation.contender().equals(KCL)) {
                    Target p99 = atMost("KCL mode: p99 of the first second after a rotation ≤ 2 poll intervals, "
                            + "nothing lost (" + interval + " ms)", rotation.p99AfterMillis(), 2 * interval, " ms");
                    long lost = rotation.lostBefore() + rotation.lostAfter();
                    targets.add(lost == 0 ? p99 : new Target(p99.target(), p99.measured() + ", " + lost + " lost",
                            "missed: " + lost + " lost"));
                }
            }
        }
    }

    private static void idle(List<Target> targets, RunReport report) {
        long intervalMillis = report.idleCost().pollIntervalMillis();
        double getRecordsLimit = 3_600_000.0 / intervalMillis;
        double windowSeconds = report.idleCost().windowSeconds();
        for (IdleCost cost : report.idleCost().contenders()) {
            if (!cost.contender().equals("core") && !cost.contender().equals("starter")) {
                continue;
            }
            double getRecords = cost.perShardHour().getOrDefault("GetRecords", 0.0);
            targets.add(atMost("An idle shard costs one GetRecords per poll interval (" + cost.contender()
                    + ", per shard-hour)", getRecords, getRecordsLimit * IDLE_TOLERANCE, getRecordsLimit));
            long describe = cost.calls().getOrDefault("DescribeStream", 0L);
            long describeLimit = (long) Math.ceil(windowSeconds / DISCOVERY_INTERVAL_SECONDS) + 1;
            long others = cost.calls().entrySet().stream()
                    .filter(e -> !e.getKey().equals("GetRecords") && !e.getKey().equals("DescribeStream"))
                    .mapToLong(java.util.Map.Entry::getValue).sum();
            String measured = describe + " DescribeStream and " + others + " other calls in "
                    + number(windowSeconds) + " s";
            boolean met = describe <= describeLimit && others == 0;
            targets.add(new Target("Idle: DescribeStream only on its own interval, nothing else ("
                    + cost.contender() + ")", measured, met ? "met" : "missed: at most " + describeLimit
                    + " DescribeStream and no other call expected"));
        }
    }

    private static void heap(List<Target> targets, List<ScaleResult> results) {
        for (ScaleResult result : results) {
            for (HeapUse heap : result.heap()) {
                targets.add(atMost("Heap per tracked shard < 2 KB (" + number(result.shards()) + " shards, "
                        + heap.startingPosition() + ")", heap.bytesPerShard(), MAX_BYTES_PER_SHARD, " B"));
            }
        }
    }

    /** The DynamoDB (not DynamoDB Streams) calls, in all and by operation, scaled by {@code factor}. */
    private static String tableCalls(Map<String, Long> calls, double factor) {
        Map<String, Long> table = new TreeMap<>();
        calls.forEach((operation, count) -> {
            if (!Calls.isStreams(operation)) {
                table.put(operation, count);
            }
        });
        long total = table.values().stream().mapToLong(Long::longValue).sum();
        StringBuilder measured = new StringBuilder(number(total * factor));
        if (!table.isEmpty()) {
            StringJoiner each = new StringJoiner(", ", " (", ")");
            table.forEach((operation, count) -> each.add(operation + " " + number(count * factor)));
            measured.append(each);
        }
        return measured.toString();
    }

    private static Optional<Pass> find(List<Pass> passes, String contender) {
        return passes.stream().filter(p -> p.contender().equals(contender)).findFirst();
    }

    private static Target atLeast(String target, Double value, double limit) {
        if (value == null) {
            return new Target(target, "–", "not measured");
        }
        String measured = ratio(value) + "×";
        return new Target(target, measured, value >= limit ? "met"
                : "missed by " + decimal((limit - value) / limit * 100, 0) + " %");
    }

    private static Target atMost(String target, Long value, long limit, String unit) {
        if (value == null) {
            return new Target(target, "–", "not measured (nothing delivered)");
        }
        return new Target(target, number(value) + unit, value <= limit ? "met"
                : "missed by " + number(value - limit) + unit + " (" + decimal((value - limit) * 100.0 / limit, 0)
                        + " %)");
    }

    private static Target atMost(String target, double times, double limit) {
        return new Target(target, ratio(times) + "×", times <= limit ? "met"
                : "missed by " + decimal((times - limit) / limit * 100, 0) + " %");
    }

    private static Target atMost(String target, double value, double limit, String unit) {
        return new Target(target, number(value) + unit, value <= limit ? "met"
                : "missed by " + number(value - limit) + unit + " (" + decimal((value - limit) * 100.0 / limit, 0)
                        + " %)");
    }

    private static Target atMost(String target, double value, double limit, double nominal) {
        return new Target(target, number(value) + " (nominal " + number(nominal) + ")", value <= limit ? "met"
                : "missed by " + decimal((value - nominal) * 100.0 / nominal, 0) + " %");
    }
}
