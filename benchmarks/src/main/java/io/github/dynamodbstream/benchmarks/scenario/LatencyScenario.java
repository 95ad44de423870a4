package io.github.dynamodbstream.benchmarks.scenario;

import io.github.dynamodbstream.benchmarks.RunSettings;
import io.github.dynamodbstream.benchmarks.contender.Contender;
import io.github.dynamodbstream.benchmarks.contender.ContenderFactory;
import io.github.dynamodbstream.benchmarks.contender.StreamTarget;
import io.github.dynamodbstream.benchmarks.support.AwsClients;
import io.github.dynamodbstream.benchmarks.support.BenchmarkTable;
import io.github.dynamodbstream.benchmarks.support.Deliveries;
import io.github.dynamodbstream.benchmarks.support.MicroClock;
import io.github.dynamodbstream.benchmarks.support.Pause;
import io.github.dynamodbstream.benchmarks.support.Percentiles;
import io.github.dynamodbstream.emulator.DynamoDbEmulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Latency from a write acknowledged to the listener entered, at a steady rate of single {@code PutItem} calls. Every
 * contender reads the same table at the same time with the same poll interval, so they see the very same writes.
 * A second pass rotates the shards halfway through the writes and looks at what the consumers that follow lineage do
 * across it (the ceiling does not follow lineage, so it is left out of that pass).
 */
public final class LatencyScenario {

    private static final Logger log = LoggerFactory.getLogger(LatencyScenario.class);
    /**
     * How long the rotation pass waits after its last write for every item, all contenders together: a consumer on the
     * Kinesis Client Library reads a child only once the leader has assigned its new lease (every 20 s by default).
     */
    private static final Duration ROTATION_SETTLE = Duration.ofSeconds(90);

    private final RunSettings settings;
    private long nextId = 1;
    private int tables;

    public LatencyScenario(RunSettings settings) {
        this.settings = settings;
    }

    public LatencyResult run(List<ContenderFactory> contenders) {
        List<IntervalRun> intervals = new ArrayList<>();
        RotationRun rotation;
        try (DynamoDbEmulator emulator = DynamoDbEmulator.builder().shardsPerStream(settings.throughputShards())
                .start();
             DynamoDbClient dynamoDb = AwsClients.dynamoDb(emulator.endpoint(), emulator.region())) {
            for (Duration interval : settings.latencyPollIntervals()) {
                intervals.add(steady(emulator, dynamoDb, contenders, interval));
            }
            rotation = rotation(emulator, dynamoDb,
                    contenders.stream().filter(contender -> !contender.isCeiling()).toList());
        }
        return new LatencyResult(settings.latencyWritesPerSecond(), settings.latencyDuration().toSeconds(),
                intervals, rotation);
    }

    private IntervalRun steady(DynamoDbEmulator emulator, DynamoDbClient dynamoDb, List<ContenderFactory> factories,
            Duration interval) {
        int count = (int) (settings.latencyWritesPerSecond() * settings.latencyDuration().toSeconds());
        Running running = start(emulator, dynamoDb, factories, interval, count);
        try {
            AtomicLongArray acknowledged = running.table.writeSteadily(running.firstId,
                    settings.latencyWritesPerSecond(), settings.latencyDuration());
            List<ContenderLatency> results = new ArrayList<>();
            for (int i = 0; i < running.contenders.size(); i++) {
                Deliveries deliveries = running.deliveries.get(i);
                deliveries.awaitDistinct(count, interval.multipliedBy(5).plusSeconds(10));
                results.add(latency(running.contenders.get(i).name(), deliveries, acknowledged, 0, count));
            }
            Long ceilingP99 = results.stream().filter(r -> r.contender().equals("ceiling")).findFirst()
                    .map(ContenderLatency::p99Millis).orElse(null);
            List<ContenderLatency> withRatios = results.stream()
                    .map(r -> r.withRatio(ceilingP99 == null || ceilingP99 == 0 || r.p99Millis() == null ? null
                            : (double) r.p99Millis() / ceilingP99))
                    .toList();
            IntervalRun run = new IntervalRun(interval.toMillis(), count, withRatios);
            log.info("latency at {} ms: {}", interval.toMillis(), run);
            return run;
        } finally {
            running.close();
        }
    }

    private RotationRun rotation(DynamoDbEmulator emulator, DynamoDbClient dynamoDb,
            List<ContenderFactory> factories) {
        Duration interval = settings.latencyPollIntervals().get(0);
        int count = (int) (settings.latencyWritesPerSecond() * settings.rotationDuration().toSeconds());
        Running running = start(emulator, dynamoDb, factories, interval, count);
        try {
            AtomicLong rotatedAtMicros = new AtomicLong();
            Thread rotator = new Thread(() -> {
                Pause.of(settings.rotationDuration().dividedBy(2));
                emulator.rotateShards(running.table.name());
                rotatedAtMicros.set(MicroClock.nowMicros());
            }, "benchmark-rotator");
            rotator.start();
            AtomicLongArray acknowledged = running.table.writeSteadily(running.firstId,
                    settings.latencyWritesPerSecond(), settings.rotationDuration());
            rotator.join();
            int firstAfter = 0;
            while (firstAfter < count && acknowledged.get(firstAfter) <= rotatedAtMicros.get()) {
                firstAfter++;
            }
            List<RotationLatency> results = new ArrayList<>();
            long deadline = System.nanoTime() + ROTATION_SETTLE.toNanos();
            for (int i = 0; i < running.contenders.size(); i++) {
                Deliveries deliveries = running.deliveries.get(i);
                deliveries.awaitDistinct(count, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
                long lastParent = 0;
                for (int item = 0; item < firstAfter; item++) {
                    lastParent = Math.max(lastParent, deliveries.deliveredAtMicros(item));
                }
                long firstChild = Long.MAX_VALUE;
                for (int item = firstAfter; item < count; item++) {
                    long at = deliveries.deliveredAtMicros(item);
                    if (at != 0) {
                        firstChild = Math.min(firstChild, at);
                    }
                }
                ContenderLatency after = latency(running.contenders.get(i).name(), deliveries, acknowledged,
                        firstAfter, Math.min(count, firstAfter + settings.latencyWritesPerSecond()));
                long lostBefore = firstAfter - countDelivered(deliveries, 0, firstAfter);
                long lostAfter = (count - firstAfter) - countDelivered(deliveries, firstAfter, count);
                results.add(new RotationLatency(running.contenders.get(i).name(),
                        firstChild == Long.MAX_VALUE || lastParent == 0 ? null : (firstChild - lastParent) / 1_000,
                        after.p99Millis(), after.maxMillis(), lostBefore, lostAfter));
            }
            RotationRun run = new RotationRun(interval.toMillis(), count, firstAfter, results);
            log.info("latency across a rotation: {}", run);
            return run;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during the rotation pass", e);
        } finally {
            running.close();
        }
    }

    private static long countDelivered(Deliveries deliveries, int from, int to) {
        long delivered = 0;
        for (int item = from; item < to; item++) {
            if (deliveries.deliveredAtMicros(item) != 0) {
                delivered++;
            }
        }
        return delivered;
    }

    private Running start(DynamoDbEmulator emulator, DynamoDbClient dynamoDb, List<ContenderFactory> factories,
            Duration interval, int count) {
        BenchmarkTable table = BenchmarkTable.create(dynamoDb, "latency-" + (++tables));
        long firstId = nextId;
        nextId += count;
        Running running = new Running(table, firstId);
        StreamTarget target = new StreamTarget(emulator.endpoint(), emulator.region(), table.name(),
                table.streamArn(), interval, settings.throughputShards());
        try {
            for (ContenderFactory factory : factories) {
                Contender contender = factory.create();
                Deliveries deliveries = new Deliveries(firstId, count);
                running.contenders.add(contender);
                running.deliveries.add(deliveries);
                contender.prepare(target, deliveries);
            }
            running.contenders.forEach(Contender::startPolling);
        } catch (RuntimeException e) {
            running.close();
            throw e;
        }
        return running;
    }

    private static ContenderLatency latency(String contender, Deliveries deliveries, AtomicLongArray acknowledged,
            int from, int to) {
        long[] millis = new long[to - from];
        int delivered = 0;
        for (int item = from; item < to; item++) {
            long at = deliveries.deliveredAtMicros(item);
            if (at != 0 && acknowledged.get(item) != 0) {
                millis[delivered++] = (at - acknowledged.get(item)) / 1_000;
            }
        }
        if (delivered == 0) {
            return new ContenderLatency(contender, 0, to - from, null, null, null, null, null);
        }
        Percentiles percentiles = new Percentiles(Arrays.copyOf(millis, delivered));
        return new ContenderLatency(contender, delivered, (to - from) - delivered, percentiles.at(50),
                percentiles.at(95), percentiles.at(99), percentiles.max(), null);
    }

    private record Running(BenchmarkTable table, long firstId, List<Contender> contenders,
            List<Deliveries> deliveries) {

        Running(BenchmarkTable table, long firstId) {
            this(table, firstId, new ArrayList<>(), new ArrayList<>());
        }

        void close() {
            contenders.forEach(Contender::close);
            table.delete();
        }
    }

    /**
     * The latency passes.
     *
     * @param writesPerSecond steady write rate
     * @param seconds how long the writes went on in each steady pass
     * @param steady one pass per poll interval
     * @param rotation the pass with a rotation halfway
     */
    public record LatencyResult(int writesPerSecond, long seconds, List<IntervalRun> steady, RotationRun rotation) {
    }

    /**
     * Every contender at one poll interval.
     *
     * @param pollIntervalMillis the interval
     * @param items items written
     * @param contenders each contender's latency
     */
    public record IntervalRun(long pollIntervalMillis, int items, List<ContenderLatency> contenders) {
    }

    /**
     * One contender's latency, write acknowledged to listener entered, in milliseconds.
     *
     * @param contender the contender
     * @param delivered items delivered
     * @param missing items never delivered
     * @param p50Millis median
     * @param p95Millis 95th percentile
     * @param p99Millis 99th percentile
     * @param maxMillis the slowest
     * @param p99RatioToCeiling p99 over the ceiling's p99
     */
    public record ContenderLatency(String contender, int delivered, int missing, Long p50Millis, Long p95Millis,
            Long p99Millis, Long maxMillis, Double p99RatioToCeiling) {

        ContenderLatency withRatio(Double ratio) {
            return new ContenderLatency(contender, delivered, missing, p50Millis, p95Millis, p99Millis, maxMillis,
                    ratio);
        }
    }

    /**
     * The pass with a rotation halfway.
     *
     * @param pollIntervalMillis every contender's poll interval
     * @param items items written
     * @param itemsBeforeRotation items acknowledged before the shards rotated (they are in the parents)
     * @param contenders what each contender did across the rotation
     */
    public record RotationRun(long pollIntervalMillis, int items, int itemsBeforeRotation,
            List<RotationLatency> contenders) {
    }

    /**
     * One contender across a rotation.
     *
     * @param contender the contender
     * @param childAfterParentMillis from the last delivery of an item written before the rotation to the first of an
     *        item written after it (target: within one poll interval)
     * @param p99AfterMillis 99th percentile latency of the items written in the first second after the rotation
     * @param maxAfterMillis the slowest of them
     * @param lostBefore items written before the rotation never delivered
     * @param lostAfter items written after the rotation never delivered
     */
    public record RotationLatency(String contender, Long childAfterParentMillis, Long p99AfterMillis,
            Long maxAfterMillis, long lostBefore, long lostAfter) {
    }
}
