package io.github.dynamodbstream.core.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dynamodbstream.core.reliability.CampaignRun.FaultKind;
import io.github.dynamodbstream.core.reliability.CampaignRun.Report;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The fault campaign: seeded runs of random writes interleaved with shard rotations and splits, iterator expiry,
 * throttling, 5xx, slow and garbled answers, listener failures and consumer crashes, each checked for loss,
 * order, duplicates and leftover threads. A short campaign runs with the tests; the long one runs with
 * {@code -Dcampaign.runs=N} (see docs/reliability.md). {@code -Dcampaign.seed=S} repeats a run, and
 * {@code -Dcampaign.operations=N} sets the operations per run, {@code -Dcampaign.parallelism=N} how many runs are
 * performed at once (each with its own emulator).
 */
class FaultCampaignTest {

    private static final int SHORT_RUNS = 20;
    private static final long SHORT_SEED = 1;

    @Test
    void shortCampaignLosesNothingKeepsOrderAndRepeatsOnlyTheBatchInFlightAfterACrash() {
        long seed = Long.getLong("campaign.seed", SHORT_SEED);
        campaign(seed, Long.getLong("campaign.seed") == null ? SHORT_RUNS : 1);
    }

    @Test
    @EnabledIfSystemProperty(named = "campaign.runs", matches = "[0-9]+")
    void longCampaignLosesNothingKeepsOrderAndRepeatsOnlyTheBatchInFlightAfterACrash() {
        long seed = Long.getLong("campaign.seed", System.nanoTime());
        campaign(seed, Integer.getInteger("campaign.runs"));
    }

    private static void campaign(long firstSeed, int runs) {
        int operations = Integer.getInteger("campaign.operations", 200);
        int parallelism = Integer.getInteger("campaign.parallelism", 1);
        if (parallelism < 1) {
            throw new IllegalArgumentException("campaign.parallelism must be at least 1, got " + parallelism
                    + "; set it to the number of runs to perform at once, for example -Dcampaign.parallelism=4");
        }
        long started = System.nanoTime();
        Map<Long, Report> reports = new ConcurrentSkipListMap<>();
        Map<Long, Throwable> failures = new ConcurrentSkipListMap<>();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        List<Thread> workers = new ArrayList<>();
        for (int worker = 0; worker < Math.min(parallelism, runs); worker++) {
            Thread thread = new Thread(() -> {
                for (int run = next.getAndIncrement(); run < runs; run = next.getAndIncrement()) {
                    long seed = firstSeed + run;
                    try {
                        Report report = runAlone(seed, operations);
                        reports.put(seed, report);
                        System.out.println("[campaign] run " + done.incrementAndGet() + "/" + runs + ", "
                                + report.line());
                        check(report);
                    } catch (RuntimeException | AssertionError e) {
                        failures.put(seed, e);
                        System.out.println("[campaign] run with seed " + seed + " FAILED: " + e);
                    }
                }
            }, "campaign-worker-" + worker);
            thread.start();
            workers.add(thread);
        }
        for (Thread worker : workers) {
            join(worker);
        }
        System.out.println("[campaign] " + summary(firstSeed, List.copyOf(reports.values()), parallelism,
                Duration.ofNanos(System.nanoTime() - started)));
        failures.forEach((seed, failure) -> {
            throw new AssertionError("Campaign run failed with seed " + seed + " (" + failures.size()
                    + " runs failed, seeds " + failures.keySet() + "); repeat it with -Dcampaign.seed=" + seed
                    + " -Dcampaign.operations=" + operations, failure);
        });
        if (runs >= SHORT_RUNS) {
            assertThat(reports.values().stream().flatMap(report -> report.faults().keySet().stream()).distinct())
                    .as("fault kinds injected").containsExactlyInAnyOrder(FaultKind.values());
            assertThat(reports.values().stream().mapToInt(Report::crashes).sum()).as("crashes").isPositive();
            assertThat(reports.values().stream().mapToInt(Report::poisonRecords).sum()).as("poison records")
                    .isPositive();
        }
    }

    /**
     * Performs one run on a thread of its own thread group, so that the threads its pollers start are told apart
     * from those of the runs beside it.
     */
    private static Report runAlone(long seed, int operations) {
        AtomicReference<Report> report = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = new Thread(new ThreadGroup("campaign-" + seed), () -> {
            try {
                report.set(CampaignRun.run(seed, operations));
            } catch (RuntimeException | AssertionError e) {
                failure.set(e);
            }
        }, "campaign-" + seed);
        thread.start();
        join(thread);
        if (failure.get() instanceof RuntimeException e) {
            throw e;
        }
        if (failure.get() instanceof AssertionError e) {
            throw e;
        }
        return report.get();
    }

    private static void check(Report report) {
        long seed = report.seed();
        int operations = report.operations();
        assertThat(report.violations())
                .as("run with seed %d (repeat with -Dcampaign.seed=%d -Dcampaign.operations=%d)", seed, seed,
                        operations)
                .isEmpty();
        assertThat(report.lost()).isZero();
        assertThat(report.duplicatesWithoutCrash()).as("good records delivered twice outside a crash").isZero();
    }

    private static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + thread.getName(), e);
        }
    }

    private static String summary(long firstSeed, List<Report> reports, int parallelism, Duration time) {
        Map<FaultKind, Integer> faults = new EnumMap<>(FaultKind.class);
        reports.forEach(report -> report.faults().forEach((kind, count) -> faults.merge(kind, count, Integer::sum)));
        Comparator<Report> worst = Comparator.comparingInt(Report::duplicates)
                .thenComparingInt(Report::largestInFlight);
        return "summary: " + reports.size() + " runs from seed " + firstSeed + " (" + parallelism + " at once, "
                + time.toSeconds() + " s), "
                + reports.stream().mapToInt(Report::operations).sum() + " operations ("
                + reports.stream().mapToInt(Report::writes).sum() + " writes), faults " + faults + ", changes "
                + reports.stream().mapToInt(Report::changes).sum() + ", delivered "
                + reports.stream().mapToInt(Report::delivered).sum() + ", lost "
                + reports.stream().mapToInt(Report::lost).sum() + ", duplicates "
                + reports.stream().mapToInt(Report::duplicates).sum() + " after "
                + reports.stream().mapToInt(Report::crashes).sum() + " crashes (largest batch in flight "
                + reports.stream().mapToInt(Report::largestInFlight).max().orElse(0) + "), "
                + reports.stream().mapToInt(Report::poisonRecords).sum() + " poison records, good records delivered "
                + "twice outside a crash " + reports.stream().mapToInt(Report::duplicatesWithoutCrash).sum()
                + "; worst run (most duplicates): "
                + reports.stream().max(worst).map(Report::line).orElse("none");
    }
}
