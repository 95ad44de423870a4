package io.github.dynamodbstream.benchmarks.report;

import static io.github.dynamodbstream.benchmarks.report.Markdown.decimal;
import static io.github.dynamodbstream.benchmarks.report.Markdown.millis;
import static io.github.dynamodbstream.benchmarks.report.Markdown.number;
import static io.github.dynamodbstream.benchmarks.report.Markdown.ratio;

import io.github.dynamodbstream.benchmarks.scenario.IdleCostScenario.IdleCost;
import io.github.dynamodbstream.benchmarks.scenario.IdleCostScenario.IdleResult;
import io.github.dynamodbstream.benchmarks.scenario.LatencyScenario.ContenderLatency;
import io.github.dynamodbstream.benchmarks.scenario.LatencyScenario.IntervalRun;
import io.github.dynamodbstream.benchmarks.scenario.LatencyScenario.LatencyResult;
import io.github.dynamodbstream.benchmarks.scenario.LatencyScenario.RotationLatency;
import io.github.dynamodbstream.benchmarks.scenario.ScaleScenario.HeapUse;
import io.github.dynamodbstream.benchmarks.scenario.ScaleScenario.ScaleResult;
import io.github.dynamodbstream.benchmarks.scenario.ScaleScenario.StartCost;
import io.github.dynamodbstream.benchmarks.scenario.StartupScenario.StartupResult;
import io.github.dynamodbstream.benchmarks.scenario.StartupScenario.Variant;
import io.github.dynamodbstream.benchmarks.scenario.ThroughputScenario.Pass;
import io.github.dynamodbstream.benchmarks.scenario.ThroughputScenario.ThroughputResult;
import io.github.dynamodbstream.benchmarks.support.Calls;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Writes a {@link RunReport} as the Markdown page {@code docs/benchmarks.md}. */
public final class MarkdownReport {

    private static final List<String> STREAM_OPERATIONS = List.of("GetRecords", "GetShardIterator", "DescribeStream",
            "ListStreams");
    private static final String TABLE_CALLS = "DynamoDB calls on tables and items: the Kinesis Client Library's lease, "
            + "worker-metrics and coordinator tables (`kcl`), and the `DescribeTable` with which the starter resolves its "
            + "table name at start. They are what the KCL mode costs on top of its DynamoDB Streams calls.";

    private MarkdownReport() {
    }

    /**
     * The page.
     *
     * @param report what the run measured
     * @param analysis hand-written analysis appended at the end (where targets are missed and why), or {@code null}
     */
    public static String render(RunReport report, String analysis) {
        Markdown md = new Markdown();
        md.line("# Benchmarks").blank();
        header(md, report);
        md.line("## Targets").blank();
        md.table(List.of("target", "measured", "where we stand"), Targets.of(report).stream()
                .map(target -> List.of(target.target(), target.measured(), target.verdict())).toList());
        if (report.throughput() != null) {
            throughput(md, report.throughput());
        }
        if (report.latency() != null) {
            latency(md, report.latency());
        }
        if (report.idleCost() != null) {
            idle(md, report.idleCost());
        }
        if (report.scale() != null) {
            scale(md, report.scale());
        }
        if (report.startup() != null) {
            startup(md, report.startup());
        }
        if (!report.notes().isEmpty()) {
            md.line("## Notes on this run").blank();
            report.notes().forEach(note -> md.line("- " + note));
            md.blank();
        }
        if (analysis != null && !analysis.isBlank()) {
            md.line(analysis.strip()).blank();
        }
        return md.toString();
    }

    private static void header(Markdown md, RunReport report) {
        RunReport.Machine machine = report.machine();
        md.line("Measured on " + report.date() + " (" + report.mode() + " run) with:").blank();
        md.line("```").line(report.command()).line("```").blank();
        md.line("Machine: " + machine.cores() + " cores, " + machine.os() + ", Java " + machine.java()
                + (machine.heapFixed() ? ", harness heap " + number(machine.maxHeapMegabytes())
                        + " MB committed at its start (-Xms = -Xmx, -XX:+AlwaysPreTouch)"
                        : ", harness heap up to " + number(machine.maxHeapMegabytes()) + " MB")
                + "; one-minute load average "
                + decimal(machine.loadBefore(), 2) + " when the run started and " + decimal(machine.loadAfter(), 2)
                + " when it ended.").blank();
        md.line("Every contender reads the same in-process emulator over HTTP on 127.0.0.1. Every comparison is a "
                + "ratio of two figures measured in the same run, on the same emulator and machine; absolute figures "
                + "depend on the machine and are quoted only beside a ratio. The harness, the emulator, the writers "
                + "and the contender share the machine's cores: the emulator is fast but not free, so the ceiling is "
                + "what *this* endpoint allows, not what DynamoDB Streams allows.").blank();
        md.table(List.of("contender", "what it is"), report.contenders().entrySet().stream()
                .map(entry -> List.of(entry.getKey(), entry.getValue())).toList());
    }

    private static void throughput(Markdown md, ThroughputResult result) {
        md.line("## Throughput").blank();
        md.line(number(result.items()) + " items of about 200 bytes, " + result.shards() + " open shards, written with "
                + "`BatchWriteItem` (25 items a call) on " + result.writerThreads() + " threads as fast as the "
                + "emulator takes them. Every contender polls at " + result.pollIntervalMillis() + " ms, alone on a "
                + "table of its own. After unreported warm-up passes, the contenders take turns " + result.repeats()
                + " times over; the median pass of each is shown, with the range of its passes. *CPU µs per "
                + "record*: the CPU time of the contender's own threads (for Node.js its whole process) from its "
                + "start to its last delivery, per record delivered, the median over its passes: what the contender "
                + "costs, apart from the machine's noise and from the emulator and the writers.").blank();
        md.line("**Live**: the contender polls while the items are written; records per second from the first write "
                + "to the last delivery. It cannot exceed the write rate: the drain time after the last write is the "
                + "figure that tells the contenders apart.").blank();
        passTable(md, result.live(), true);
        md.line("**Backlog**: the contender is positioned at `LATEST`, the items are written, then it starts polling; "
                + "records per second from its start to the last delivery: the read speed alone. The starter cannot wait "
                + "positioned without polling: it waits unstarted and reads from `TRIM_HORIZON` (the same records on a "
                + "fresh stream); its rounds begin on the next tick of its schedule, so it is timed from its first "
                + "call. The `kcl` contender waits unstarted in the same way and is timed from its first `GetRecords`: "
                + "after KCL has created its lease tables and leases and taken them.").blank();
        passTable(md, result.backlog(), false);
        if (result.startToFirstRecordSeconds() != null) {
            md.line("**Start to first record**, over the backlog passes: from the call that starts the contender's "
                    + "polling to its first delivery. For `kcl` that call starts a fresh instance (new lease tables, "
                    + "`TRIM_HORIZON`), so the time holds KCL's whole start-up.").blank();
            md.table(List.of("contender", "median (s)", "fastest – slowest (s)", "passes"),
                    result.startToFirstRecordSeconds().entrySet().stream().filter(e -> !e.getValue().isEmpty())
                            .map(e -> List.of(e.getKey(), decimal(e.getValue().get(e.getValue().size() / 2), 2),
                                    decimal(e.getValue().get(0), 2) + " – "
                                            + decimal(e.getValue().get(e.getValue().size() - 1), 2),
                                    Integer.toString(e.getValue().size())))
                            .toList());
        }
        md.line("### API cost per 10,000 records delivered (live pass)").blank();
        md.line("The calls from the contender's start (its first listing, or for `kcl` the creation of its lease "
                + "tables and leases) to its last delivery. DynamoDB Streams calls:").blank();
        List<Map<String, Long>> calls = result.live().stream().map(Pass::calls).toList();
        List<String> streamOperations = operations(calls, true);
        List<String> header = new ArrayList<>(List.of("contender"));
        header.addAll(streamOperations);
        header.add("calls with an error (either API)");
        List<List<String>> rows = new ArrayList<>();
        for (Pass pass : result.live()) {
            List<String> row = new ArrayList<>(List.of(pass.contender()));
            for (String operation : streamOperations) {
                row.add(decimal(per10k(pass, pass.calls().getOrDefault(operation, 0L)), 1));
            }
            row.add(pass.errors().isEmpty() ? "0" : pass.errors().toString());
            rows.add(row);
        }
        md.table(header, rows);
        List<String> tableOperations = operations(calls, false);
        if (!tableOperations.isEmpty()) {
            md.line(TABLE_CALLS).blank();
            List<String> tableHeader = new ArrayList<>(List.of("contender"));
            tableHeader.addAll(tableOperations);
            tableHeader.add("all DynamoDB calls");
            List<List<String>> tableRows = new ArrayList<>();
            for (Pass pass : result.live()) {
                long total = tableOperations.stream().mapToLong(op -> pass.calls().getOrDefault(op, 0L)).sum();
                if (total == 0) {
                    continue;
                }
                List<String> row = new ArrayList<>(List.of(pass.contender()));
                tableOperations.forEach(op -> row.add(decimal(per10k(pass, pass.calls().getOrDefault(op, 0L)), 1)));
                row.add(decimal(per10k(pass, total), 1));
                tableRows.add(row);
            }
            md.table(tableHeader, tableRows);
        }
    }

    private static double per10k(Pass pass, long calls) {
        return calls * 10_000.0 / Math.max(1, pass.delivered());
    }

    private static void passTable(Markdown md, List<Pass> passes, boolean live) {
        List<String> header = new ArrayList<>(List.of("contender", "records/s (median)", "ratio to ceiling",
                "slowest – fastest pass", "delivered", "repeated", "seconds", "CPU µs per record"));
        if (live) {
            header.add("drain after last write (s)");
            header.add("writes took (s)");
        }
        List<List<String>> rows = new ArrayList<>();
        for (Pass pass : passes) {
            List<String> row = new ArrayList<>(List.of(pass.contender(), number(pass.recordsPerSecond()),
                    ratio(pass.ratioToCeiling()), number(pass.slowestRecordsPerSecond()) + " – "
                            + number(pass.fastestRecordsPerSecond()), number(pass.delivered()) + (pass.complete() ? "" : " (incomplete)"),
                    number(pass.repeated()), decimal(pass.seconds(), 2), decimal(pass.cpuMicrosPerRecord(), 1)));
            if (live) {
                row.add(decimal(pass.drainSeconds(), 2));
                row.add(decimal(pass.writeSeconds(), 2));
            }
            rows.add(row);
        }
        md.table(header, rows);
    }

    private static void latency(Markdown md, LatencyResult result) {
        md.line("## Latency").blank();
        md.line("A steady " + result.writesPerSecond() + " `PutItem`/s for " + result.seconds() + " s; from the write "
                + "acknowledged to the listener entered, in milliseconds. All contenders read the same table at the "
                + "same time, at the same poll interval.").blank();
        List<List<String>> rows = new ArrayList<>();
        for (IntervalRun run : result.steady()) {
            for (ContenderLatency latency : run.contenders()) {
                rows.add(List.of(run.pollIntervalMillis() + " ms", latency.contender(), millis(latency.p50Millis()),
                        millis(latency.p95Millis()), millis(latency.p99Millis()), millis(latency.maxMillis()),
                        ratio(latency.p99RatioToCeiling()), Integer.toString(latency.missing())));
            }
        }
        md.table(List.of("poll interval", "contender", "p50", "p95", "p99", "max", "p99 ratio to ceiling",
                "never delivered"), rows);
        if (result.rotation() != null) {
            md.line("### Across a shard rotation").blank();
            md.line("The same writes for " + result.rotation().items() / Math.max(1, result.writesPerSecond())
                    + " s at a poll interval of " + result.rotation().pollIntervalMillis() + " ms; every shard is "
                    + "rotated halfway (" + result.rotation().itemsBeforeRotation() + " items were written before). "
                    + "The ceiling does not follow lineage and is left out. *Gap*: from the last delivery of an item "
                    + "written before the rotation to the first delivery of one written after it.").blank();
            md.table(List.of("contender", "gap (ms)", "p99 of the first second after (ms)", "max (ms)",
                    "lost before", "lost after"), result.rotation().contenders().stream()
                    .map(r -> List.of(r.contender(), millis(r.childAfterParentMillis()), millis(r.p99AfterMillis()),
                            millis(r.maxAfterMillis()), Long.toString(r.lostBefore()), Long.toString(r.lostAfter())))
                    .toList());
        }
    }

    private static void idle(Markdown md, IdleResult result) {
        md.line("## Idle cost").blank();
        md.line(result.shards() + " open shards nobody writes to, every contender alone at a poll interval of "
                + result.pollIntervalMillis() + " ms, watched for " + result.windowSeconds() + " s. Calls per idle "
                + "shard-hour (the target: one `GetRecords` per poll interval, 3,600 an hour at 1 s, and nothing "
                + "else but the listing on its own interval).").blank();
        List<Map<String, Long>> calls = result.contenders().stream().map(IdleCost::calls).toList();
        List<String> operations = operations(calls, true);
        List<String> header = new ArrayList<>(List.of("contender"));
        header.addAll(operations);
        header.add("rounds");
        header.add("CPU ms per round");
        List<List<String>> rows = new ArrayList<>();
        for (IdleCost cost : result.contenders()) {
            List<String> row = new ArrayList<>(List.of(cost.contender()));
            operations.forEach(operation -> row.add(decimal(cost.perShardHour().getOrDefault(operation, 0.0), 0)));
            row.add(cost.rounds() == null ? "–" : Long.toString(cost.rounds()));
            row.add(decimal(cost.cpuMillisPerRound(), 2));
            rows.add(row);
        }
        md.table(header, rows);
        List<String> tableOperations = operations(calls, false);
        if (!tableOperations.isEmpty()) {
            md.line(TABLE_CALLS + " Per idle shard-hour; lease renewals grow with the shards held, the leader's "
                    + "scans and the worker's own rows with the workers.").blank();
            List<String> tableHeader = new ArrayList<>(List.of("contender"));
            tableHeader.addAll(tableOperations);
            tableHeader.add("all DynamoDB calls");
            List<List<String>> tableRows = new ArrayList<>();
            for (IdleCost cost : result.contenders()) {
                double total = tableOperations.stream().mapToDouble(op -> cost.perShardHour().getOrDefault(op, 0.0))
                        .sum();
                if (total == 0) {
                    continue;
                }
                List<String> row = new ArrayList<>(List.of(cost.contender()));
                tableOperations.forEach(op -> row.add(decimal(cost.perShardHour().getOrDefault(op, 0.0), 0)));
                row.add(decimal(total, 0));
                tableRows.add(row);
            }
            md.table(tableHeader, tableRows);
        }
    }

    private static void scale(Markdown md, List<ScaleResult> results) {
        md.line("## Scale").blank();
        md.line("Streams with a long history: 1 % of the shards open, the others closed by rotations (and a split "
                + "every tenth step). Each contender but the starter (the core with Spring around it) starts at `LATEST` "
                + "(the core also at `TRIM_HORIZON`, which "
                + "reads every lineage from its oldest shard); 10 items are written once it is positioned (before "
                + "it starts, for `TRIM_HORIZON`). Poll interval 1 s, listing interval the contender's default. CPU "
                + "per idle round: the contender's own threads (the core's `dynamodb-stream-*` threads, the "
                + "ceiling's readers) or, for Node.js, its whole process.").blank();
        for (ScaleResult result : results) {
            md.line("### " + number(result.shards()) + " shards (" + result.openShards() + " open, "
                    + result.rotations() + " rotations, " + result.splits() + " splits)").blank();
            List<List<String>> rows = new ArrayList<>();
            for (StartCost start : result.starts()) {
                Map<String, Long> calls = start.callsUntilFirstDelivery();
                rows.add(List.of(start.contender(),
                        start.firstDeliverySeconds() == null ? "none within the limit"
                                : decimal(start.firstDeliverySeconds(), 2),
                        Long.toString(calls.getOrDefault("DescribeStream", 0L)),
                        Long.toString(calls.getOrDefault("GetShardIterator", 0L)),
                        Long.toString(calls.getOrDefault("GetRecords", 0L)),
                        decimal(start.cpuMillisPerIdleRound(), 2),
                        start.idleCalls().isEmpty() ? "none" : start.idleCalls().toString()));
            }
            md.table(List.of("contender", "start to first delivery (s)", "DescribeStream", "GetShardIterator",
                    "GetRecords", "CPU ms per idle round", "calls in " + result.starts().get(0).idleSeconds()
                            + " idle s"), rows);
            md.table(List.of("core poller from", "rounds to catch up", "shards tracked", "retained heap",
                    "bytes per shard of the stream"), result.heap().stream()
                    .map(heap -> List.of(heap.startingPosition(), Integer.toString(heap.rounds()),
                            number(heap.trackedShards()), number(heap.retainedBytes() / 1024.0) + " KB",
                            number(heap.bytesPerShard())))
                    .toList());
        }
    }

    private static void startup(Markdown md, StartupResult result) {
        md.line("## Start-up").blank();
        md.line("A minimal Spring Boot application (no web, one `@EventListener`), started " + result.runs()
                + " times per variant in a fresh JVM, variants taking turns; medians in milliseconds. *Without the "
                + "starter*: the same application with `dynamodb.stream.enabled=false`.").blank();
        md.table(List.of("variant", "SpringApplication.run", "added by the starter", "JVM uptime when ready",
                "added by the starter"), result.variants().stream()
                .map(v -> List.of(v.variant(), number(v.runMillis()), number(v.addedRunMillis()),
                        number(v.jvmUptimeMillis()), number(v.addedUptimeMillis())))
                .toList());
    }

    /** The operations called, DynamoDB Streams ones in a fixed order, or DynamoDB ones by name. */
    private static List<String> operations(List<Map<String, Long>> calls, boolean streams) {
        TreeSet<String> seen = new TreeSet<>();
        calls.forEach(map -> seen.addAll(map.keySet()));
        seen.removeIf(operation -> Calls.isStreams(operation) != streams);
        List<String> ordered = new ArrayList<>();
        STREAM_OPERATIONS.stream().filter(seen::contains).forEach(ordered::add);
        seen.stream().filter(operation -> !ordered.contains(operation)).forEach(ordered::add);
        return ordered;
    }
}
