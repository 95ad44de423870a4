package io.github.dynamodbstream.core.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dynamodbstream.core.reliability.CampaignRun.FaultKind;
import io.github.dynamodbstream.core.reliability.CampaignRun.Report;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The fault campaign: seeded runs of random writes interleaved with shard rotations and splits, iterator expiry,
 * throttling, 5xx, slow and garbled answers, listener failures and consumer crashes, each checked for loss,
 * order, duplicates and leftover threads. A short campaign runs with the tests; the long one runs with
 * {@code -Dcampaign.runs=N} (see docs/reliability.md). {@code -Dcampaign.seed=S} repeats a run, and
 * {@code -Dcampaign.operations=N} sets the operations per run.
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
        List<Report> reports = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            long seed = firstSeed + run;
            Report report;
            try {
                report = CampaignRun.run(seed, operations);
            } catch (RuntimeException | AssertionError e) {
                throw new AssertionError("Campaign run failed with seed " + seed + "; repeat it with -Dcampaign.seed="
                        + seed + " -Dcampaign.operations=" + operations, e);
            }
            System.out.println("[campaign] run " + (run + 1) + "/" + runs + ", " + report.line());
            assertThat(report.violations())
                    .as("run with seed %d (repeat with -Dcampaign.seed=%d -Dcampaign.operations=%d)", seed, seed,
                            operations)
                    .isEmpty();
            assertThat(report.lost()).isZero();
            assertThat(report.duplicatesWithoutCrash()).as("good records delivered twice outside a crash").isZero();
            reports.add(report);
        }
        System.out.println("[campaign] " + summary(firstSeed, reports));
        if (runs >= SHORT_RUNS) {
            assertThat(reports.stream().flatMap(report -> report.faults().keySet().stream()).distinct())
                    .as("fault kinds injected").containsExactlyInAnyOrder(FaultKind.values());
            assertThat(reports.stream().mapToInt(Report::crashes).sum()).as("crashes").isPositive();
            assertThat(reports.stream().mapToInt(Report::poisonRecords).sum()).as("poison records").isPositive();
        }
    }

    private static String summary(long firstSeed, List<Report> reports) {
        Map<FaultKind, Integer> faults = new EnumMap<>(FaultKind.class);
        reports.forEach(report -> report.faults().forEach((kind, count) -> faults.merge(kind, count, Integer::sum)));
        return "summary: " + reports.size() + " runs from seed " + firstSeed + ", "
                + reports.stream().mapToInt(Report::operations).sum() + " operations ("
                + reports.stream().mapToInt(Report::writes).sum() + " writes), faults " + faults + ", changes "
                + reports.stream().mapToInt(Report::changes).sum() + ", delivered "
                + reports.stream().mapToInt(Report::delivered).sum() + ", lost "
                + reports.stream().mapToInt(Report::lost).sum() + ", duplicates "
                + reports.stream().mapToInt(Report::duplicates).sum() + " after "
                + reports.stream().mapToInt(Report::crashes).sum() + " crashes (largest batch in flight "
                + reports.stream().mapToInt(Report::largestInFlight).max().orElse(0) + "), "
                + reports.stream().mapToInt(Report::poisonRecords).sum() + " poison records, good records delivered "
                + "twice outside a crash " + reports.stream().mapToInt(Report::duplicatesWithoutCrash).sum();
    }
}
