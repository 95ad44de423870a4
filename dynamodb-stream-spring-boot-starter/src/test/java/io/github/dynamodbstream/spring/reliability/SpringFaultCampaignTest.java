package io.github.dynamodbstream.spring.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dynamodbstream.spring.reliability.SpringCampaignRun.FaultKind;
import io.github.dynamodbstream.spring.reliability.SpringCampaignRun.Report;
import io.github.dynamodbstream.spring.reliability.SpringCampaignRun.Store;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The fault campaign with Spring: the consumer is an application context with the starter and typed
 * {@code @EventListener}s, on the DynamoDB and on the JDBC (H2) checkpoint store. Seeded runs of random writes
 * interleaved with shard rotations and splits, throttling, 5xx, slow and garbled answers, listener exceptions and
 * crashes (the context's generation is killed, then a new context starts on the same store), each checked for loss,
 * order, duplicates and leftover threads. {@code -Dcampaign.runs=N} runs N runs a store, {@code -Dcampaign.seed=S}
 * starts from seed S (one run unless runs is set), {@code -Dcampaign.operations=N} sets the operations a run. See
 * docs/reliability.md.
 */
class SpringFaultCampaignTest {

    private static final int SHORT_RUNS = 3;
    private static final long SHORT_SEED = 1;

    @Test
    void campaignOnDynamoDbCheckpointsLosesNothingKeepsOrderAndRepeatsOnlyTheBatchInFlightAfterACrash() {
        campaign(Store.DYNAMODB);
    }

    @Test
    void campaignOnJdbcCheckpointsLosesNothingKeepsOrderAndRepeatsOnlyTheBatchInFlightAfterACrash() {
        campaign(Store.JDBC);
    }

    private static void campaign(Store store) {
        Long seedProperty = Long.getLong("campaign.seed");
        long firstSeed = seedProperty == null ? SHORT_SEED : seedProperty;
        int runs = Integer.getInteger("campaign.runs", seedProperty == null ? SHORT_RUNS : 1);
        int operations = Integer.getInteger("campaign.operations", 80);
        List<Report> reports = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            long seed = firstSeed + run;
            String repeat = "repeat it with -Dcampaign.seed=" + seed + " -Dcampaign.operations=" + operations;
            Report report;
            try {
                report = SpringCampaignRun.run(seed, store, operations);
            } catch (RuntimeException | AssertionError e) {
                throw new AssertionError("Campaign run on the " + store + " store failed with seed " + seed + "; "
                        + repeat, e);
            }
            System.out.println("[spring-campaign] run " + (run + 1) + "/" + runs + ", " + report.line());
            assertThat(report.violations()).as("run on the %s store with seed %d (%s)", store, seed, repeat)
                    .isEmpty();
            assertThat(report.lost()).isZero();
            assertThat(report.duplicatesWithoutCrash()).as("good records delivered twice outside a crash").isZero();
            reports.add(report);
        }
        System.out.println("[spring-campaign] " + summary(store, firstSeed, reports));
        assertThat(reports.stream().mapToInt(Report::crashes).sum()).as("crashes").isPositive();
        if (runs >= SHORT_RUNS) {
            assertThat(reports.stream().flatMap(report -> report.faults().entrySet().stream())
                    .filter(fault -> fault.getValue() > 0).map(Map.Entry::getKey).distinct())
                    .as("fault kinds injected").containsExactlyInAnyOrder(FaultKind.values());
        }
        assertThat(reports.stream().mapToInt(Report::delivered).sum())
                .as("deliveries").isGreaterThanOrEqualTo(reports.stream().mapToInt(Report::changes).sum());
    }

    private static String summary(Store store, long firstSeed, List<Report> reports) {
        Map<FaultKind, Integer> faults = new EnumMap<>(FaultKind.class);
        reports.forEach(report -> report.faults().forEach((kind, count) -> faults.merge(kind, count, Integer::sum)));
        return "summary (" + store + " store): " + reports.size() + " runs from seed " + firstSeed + ", "
                + reports.stream().mapToInt(Report::operations).sum() + " operations ("
                + reports.stream().mapToInt(Report::writes).sum() + " writes), faults " + faults + ", contexts "
                + reports.stream().mapToInt(Report::contexts).sum() + ", changes "
                + reports.stream().mapToInt(Report::changes).sum() + ", delivered "
                + reports.stream().mapToInt(Report::delivered).sum() + ", lost "
                + reports.stream().mapToInt(Report::lost).sum() + ", duplicates after a crash "
                + reports.stream().mapToInt(Report::duplicatesAfterCrash).sum() + " ("
                + reports.stream().mapToInt(Report::crashes).sum() + " crashes, largest batch in flight "
                + reports.stream().mapToInt(Report::largestInFlight).max().orElse(0)
                + "), " + reports.stream().mapToInt(Report::poisonRecords).sum() + " poison records, good records "
                + "delivered twice outside a crash " + reports.stream().mapToInt(Report::duplicatesWithoutCrash).sum();
    }
}
