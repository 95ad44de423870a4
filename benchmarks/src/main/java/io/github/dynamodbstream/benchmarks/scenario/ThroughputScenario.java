package io.github.dynamodbstream.benchmarks.scenario;

import io.github.dynamodbstream.benchmarks.RunSettings;
import io.github.dynamodbstream.benchmarks.contender.Contender;
import io.github.dynamodbstream.benchmarks.contender.ContenderFactory;
import io.github.dynamodbstream.benchmarks.contender.StreamTarget;
import io.github.dynamodbstream.benchmarks.support.AwsClients;
import io.github.dynamodbstream.benchmarks.support.BenchmarkTable;
import io.github.dynamodbstream.benchmarks.support.Calls;
import io.github.dynamodbstream.benchmarks.support.Deliveries;
import io.github.dynamodbstream.benchmarks.support.MicroClock;
import io.github.dynamodbstream.emulator.DynamoDbEmulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Throughput on a stream with 8 open shards, each contender alone on a table of its own (same emulator), in two
 * passes:
 * <ul>
 * <li><b>live</b>: the contender polls while a writer puts the items as fast as it can with {@code BatchWriteItem};
 * records per second from the first write to the last delivery, and the drain time after the last write;</li>
 * <li><b>backlog</b>: the contender is positioned, the items are written, then it starts polling; records per second
 * from its start to the last delivery (the read speed alone, without a writer competing for the CPU).</li>
 * </ul>
 * Every contender first runs unreported warm-up passes of as many items as a measured pass; then the measured passes
 * take turns, contender after contender, a few times over, and each contender's median pass is reported. The calls of
 * the live pass give the API cost per record.
 */
public final class ThroughputScenario {

    private static final Logger log = LoggerFactory.getLogger(ThroughputScenario.class);

    private static final Duration RETENTION_AND_MORE = Duration.ofHours(25);

    private final RunSettings settings;
    private int tables;
    private long nextId = 1;

    public ThroughputScenario(RunSettings settings) {
        this.settings = settings;
    }

    public ThroughputResult run(List<ContenderFactory> contenders) {
        Map<String, List<Pass>> live = new LinkedHashMap<>();
        Map<String, List<Pass>> backlog = new LinkedHashMap<>();
        try (DynamoDbEmulator emulator = DynamoDbEmulator.builder().shardsPerStream(settings.throughputShards())
                .start();
             DynamoDbClient dynamoDb = AwsClients.dynamoDb(emulator.endpoint(), emulator.region())) {
            for (ContenderFactory contender : contenders) {
                pass(emulator, dynamoDb, contender, settings.throughputItems(), true);
                pass(emulator, dynamoDb, contender, settings.throughputItems(), false);
            }
            for (int repeat = 0; repeat < settings.throughputRepeats(); repeat++) {
                for (ContenderFactory contender : contenders) {
                    live.computeIfAbsent(contender.name(), name -> new ArrayList<>())
                            .add(pass(emulator, dynamoDb, contender, settings.throughputItems(), true));
                    backlog.computeIfAbsent(contender.name(), name -> new ArrayList<>())
                            .add(pass(emulator, dynamoDb, contender, settings.throughputItems(), false));
                }
            }
        }
        return new ThroughputResult(settings.throughputItems(), settings.throughputShards(), settings.writerThreads(),
                settings.throughputPollInterval().toMillis(), settings.throughputRepeats(), medians(live),
                medians(backlog), startToFirstRecord(backlog));
    }

    /** Each contender's times from its start to its first record, over its backlog passes, shortest first. */
    private static Map<String, List<Double>> startToFirstRecord(Map<String, List<Pass>> backlog) {
        Map<String, List<Double>> times = new LinkedHashMap<>();
        backlog.forEach((contender, passes) -> times.put(contender, passes.stream()
                .map(Pass::startToFirstRecordSeconds).filter(Objects::nonNull).sorted().toList()));
        return times;
    }

    /** Each contender's median pass by records per second, with the range of all its passes. */
    private static List<Pass> medians(Map<String, List<Pass>> passes) {
        List<Pass> medians = new ArrayList<>();
        passes.forEach((contender, runs) -> {
            List<Pass> sorted = runs.stream().sorted(Comparator.comparingDouble(Pass::recordsPerSecond)).toList();
            Pass median = sorted.get(sorted.size() / 2);
            List<Double> cpu = runs.stream().map(Pass::cpuMicrosPerRecord).filter(Objects::nonNull).sorted()
                    .toList();
            medians.add(median.withRange(sorted.get(0).recordsPerSecond(),
                    sorted.get(sorted.size() - 1).recordsPerSecond(),
                    cpu.isEmpty() ? null : cpu.get(cpu.size() / 2)));
        });
        return withRatios(medians);
    }

    private Pass pass(DynamoDbEmulator emulator, DynamoDbClient dynamoDb, ContenderFactory factory, int items,
            boolean live) {
        BenchmarkTable table = BenchmarkTable.create(dynamoDb, "throughput-" + (++tables));
        long firstId = nextId;
        nextId += items;
        Deliveries deliveries = new Deliveries(firstId, items);
        StreamTarget target = new StreamTarget(emulator.endpoint(), emulator.region(), table.name(),
                table.streamArn(), settings.throughputPollInterval(),
                settings.throughputShards());
        emulator.calls().reset();
        Contender contender = factory.create();
        try {
            if (live) {
                contender.prepare(target, deliveries);
            } else {
                contender.prepareWithoutPolling(target, deliveries);
            }
            long startMicros;
            BenchmarkTable.WriteWindow writes;
            Contender.CpuUse cpuBefore;
            if (live) {
                cpuBefore = contender.cpuUse().orElse(null);
                contender.startPolling();
                writes = table.writeAsFastAsPossible(firstId, items, settings.writerThreads());
                startMicros = writes.firstSentMicros();
            } else {
                writes = table.writeAsFastAsPossible(firstId, items, settings.writerThreads());
                cpuBefore = contender.cpuUse().orElse(null);
                startMicros = MicroClock.nowMicros();
                contender.startPolling();
            }
            long startedMicros = startMicros;
            boolean complete = deliveries.awaitDistinct(items, Duration.ofSeconds(60 + items / 1_000));
            Contender.CpuUse cpuAfter = contender.cpuUse().orElse(null);
            Double cpuMicrosPerRecord = cpuBefore == null || cpuAfter == null || deliveries.distinct() == 0 ? null
                    : (cpuAfter.cpuNanos() - cpuBefore.cpuNanos()) / 1e3 / deliveries.distinct();
            if (!live) {
                startMicros = contender.firstCallAfterStartMicros().orElse(startMicros);
            }
            long endMicros = deliveries.latestNewMicros();
            Map<String, Long> calls = Calls.byOperation(emulator.calls());
            Pass pass = new Pass(factory.name(), items, deliveries.distinct(), deliveries.total() - deliveries.distinct(),
                    complete, seconds(endMicros - startMicros), deliveries.distinct() / seconds(endMicros - startMicros),
                    live ? seconds(endMicros - writes.lastAcknowledgedMicros()) : null,
                    seconds(writes.lastAcknowledgedMicros() - writes.firstSentMicros()),
                    live || deliveries.earliestMicros() == 0 ? null
                            : seconds(deliveries.earliestMicros() - startedMicros),
                    calls, Calls.errors(emulator.calls()), cpuMicrosPerRecord, null, null, null);
            log.info("throughput {} {} ({} items): {}", live ? "live" : "backlog", factory.name(), items, pass);
            return pass;
        } finally {
            contender.close();
            table.delete();
            // lets the records of the pass age out of the emulator, so that memory stays flat from pass to pass
            emulator.advanceClock(RETENTION_AND_MORE);
        }
    }

    private static double seconds(long micros) {
        return micros / 1e6;
    }

    private static List<Pass> withRatios(List<Pass> passes) {
        Double ceiling = passes.stream().filter(pass -> pass.contender().equals("ceiling")).findFirst()
                .map(Pass::recordsPerSecond).orElse(null);
        return passes.stream().map(pass -> pass.withRatio(ceiling == null ? null : pass.recordsPerSecond() / ceiling))
                .toList();
    }

    /**
     * Throughput of every contender.
     *
     * @param items items written in each pass
     * @param shards open shards of the stream
     * @param writerThreads threads writing
     * @param pollIntervalMillis every contender's poll interval
     * @param repeats measured passes of each contender in each mode
     * @param live the passes where the contender polls while the items are written
     * @param backlog the passes where the contender starts polling after the items are written
     * @param startToFirstRecordSeconds per contender, from its start to its first record in each backlog pass,
     *     shortest first: for {@code kcl} a fresh instance (new lease tables) started on a waiting backlog
     */
    public record ThroughputResult(int items, int shards, int writerThreads, long pollIntervalMillis, int repeats,
            List<Pass> live, List<Pass> backlog, Map<String, List<Double>> startToFirstRecordSeconds) {
    }

    /**
     * One contender's pass.
     *
     * @param contender the contender
     * @param items items written
     * @param delivered distinct items delivered
     * @param repeated deliveries of items already delivered
     * @param complete whether every item was delivered before the time limit
     * @param seconds from the first write (live) or the start of polling (backlog) to the last delivery
     * @param recordsPerSecond distinct items delivered per second over that time
     * @param drainSeconds from the last write acknowledged to the last delivery (live only)
     * @param writeSeconds how long the writes took
     * @param startToFirstRecordSeconds from the call that started polling to the first delivery (backlog only):
     *     for {@code kcl} the container's start, so KCL's start-up on new lease tables is included
     * @param calls calls by operation the contender made, from its start to its last delivery
     * @param errors calls answered with an error, by operation and error
     * @param cpuMicrosPerRecord CPU time of the contender's threads (the Node.js contender's whole process) per
     *     distinct item delivered, from the start of its polling to its last delivery; in a reported pass the median
     *     over the contender's passes; {@code null} when the contender cannot tell
     * @param ratioToCeiling records per second over the ceiling's
     * @param slowestRecordsPerSecond the slowest of the contender's passes in this mode
     * @param fastestRecordsPerSecond the fastest of them
     */
    public record Pass(String contender, int items, long delivered, long repeated, boolean complete, double seconds,
            double recordsPerSecond, Double drainSeconds, double writeSeconds, Double startToFirstRecordSeconds,
            Map<String, Long> calls, Map<String, Long> errors, Double cpuMicrosPerRecord, Double ratioToCeiling,
            Double slowestRecordsPerSecond, Double fastestRecordsPerSecond) {

        Pass withRatio(Double ratio) {
            return new Pass(contender, items, delivered, repeated, complete, seconds, recordsPerSecond, drainSeconds,
                    writeSeconds, startToFirstRecordSeconds, calls, errors, cpuMicrosPerRecord, ratio,
                    slowestRecordsPerSecond, fastestRecordsPerSecond);
        }

        Pass withRange(double slowest, double fastest, Double medianCpuMicrosPerRecord) {
            return new Pass(contender, items, delivered, repeated, complete, seconds, recordsPerSecond, drainSeconds,
                    writeSeconds, startToFirstRecordSeconds, calls, errors, medianCpuMicrosPerRecord, ratioToCeiling,
                    slowest, fastest);
        }
    }
}
