package io.github.dynamodbstream.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.dynamodbstream.reliability.ProcessDeathRun.Report;
import io.github.dynamodbstream.reliability.ProcessDeathRun.Store;
import io.github.dynamodbstream.test.jdbc.EmbeddedPostgreSqlExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The process-death campaign: the application killed with SIGKILL and restarted, 5 to 10 times a run, with its
 * checkpoints in DynamoDB and in PostgreSQL, and three instances in KCL mode. A short campaign (one run of 5 kills for
 * DynamoDB and for PostgreSQL) runs with the tests; the long one with {@code -Dcampaign.runs=N} (N runs per store,
 * KCL mode included; see docs/reliability.md). {@code -Dcampaign.seed=S} sets the first seed,
 * {@code -Dcampaign.stores=KCL} (a comma-separated list) the stores of the long campaign.
 */
class ProcessDeathCampaignTest {

    private static final long SHORT_SEED = 1;
    private static final int SHORT_KILLS = 5;

    @RegisterExtension
    static final EmbeddedPostgreSqlExtension POSTGRES = EmbeddedPostgreSqlExtension.create();

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path directory;

    @ParameterizedTest
    @EnumSource(names = {"DYNAMODB", "POSTGRESQL"})
    void shortCampaignLosesNothingKeepsOrderAndRepeatsOnlyTheBatchInFlightAtAKill(Store store) {
        List<Report> reports = campaign(store, Long.getLong("campaign.seed", SHORT_SEED), 1, SHORT_KILLS);
        assertThat(reports.get(0).kills()).isEqualTo(SHORT_KILLS);
        assertThat(reports.get(0).poisonChanges()).as("poison changes written").isPositive();
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    @EnabledIfSystemProperty(named = "campaign.runs", matches = "[0-9]+")
    void longCampaignLosesNothingKeepsOrderAndRepeatsOnlyTheBatchInFlightAtAKill(Store store) {
        assumeTrue(List.of(System.getProperty("campaign.stores", "DYNAMODB,POSTGRESQL,KCL").split(","))
                .contains(store.name()), "campaign.stores leaves " + store + " out");
        campaign(store, Long.getLong("campaign.seed", System.nanoTime()), Integer.getInteger("campaign.runs"), 0);
    }

    private List<Report> campaign(Store store, long firstSeed, int runs, int kills) {
        List<Report> reports = new ArrayList<>();
        long started = System.nanoTime();
        for (int run = 0; run < runs; run++) {
            long seed = firstSeed + run;
            Path files = ProcessDeathRun.directory(directory, seed, store);
            Report report;
            try {
                report = ProcessDeathRun.run(seed, store, kills, POSTGRES.dataSource(), files);
            } catch (RuntimeException e) {
                throw new AssertionError("Run with seed " + seed + " on " + store + " failed (repeat with "
                        + "-Dcampaign.seed=" + seed + " -Dcampaign.runs=1; the applications' logs and deliveries are "
                        + "in " + files + ")", e);
            }
            System.out.println("[process-death] run " + (run + 1) + "/" + runs + ", " + report.line());
            assertThat(report.violations())
                    .as("run with seed %d on %s (repeat with -Dcampaign.seed=%d -Dcampaign.runs=1; the "
                            + "applications' logs and deliveries are in %s)", seed, store, seed, files)
                    .isEmpty();
            assertThat(report.lost()).isZero();
            reports.add(report);
        }
        System.out.println("[process-death] summary, " + store + " store: " + runs + " runs from seed " + firstSeed
                + " in " + (System.nanoTime() - started) / 1_000_000_000 + " s, writes "
                + reports.stream().mapToInt(Report::writes).sum() + ", rotations "
                + reports.stream().mapToInt(Report::rotations).sum() + ", splits "
                + reports.stream().mapToInt(Report::splits).sum() + ", poison changes "
                + reports.stream().mapToInt(Report::poisonChanges).sum() + ", kills "
                + reports.stream().mapToInt(Report::kills).sum() + " ("
                + reports.stream().mapToInt(Report::killsBeforeReady).sum() + " before ready), changes "
                + reports.stream().mapToInt(Report::changes).sum() + ", delivered "
                + reports.stream().mapToInt(Report::delivered).sum() + ", lost "
                + reports.stream().mapToInt(Report::lost).sum() + ", duplicates "
                + reports.stream().mapToInt(Report::duplicates).sum() + " (largest batch in flight "
                + reports.stream().mapToInt(Report::largestInFlight).max().orElse(0) + ")");
        return reports;
    }
}
