package io.github.dynamodbstream.benchmarks.scenario;

import io.github.dynamodbstream.benchmarks.BenchmarkMain;
import io.github.dynamodbstream.benchmarks.RunSettings;
import io.github.dynamodbstream.benchmarks.starter.StartupProbe;
import io.github.dynamodbstream.benchmarks.support.AwsClients;
import io.github.dynamodbstream.benchmarks.support.BenchmarkTable;
import io.github.dynamodbstream.benchmarks.support.Percentiles;
import io.github.dynamodbstream.emulator.DynamoDbEmulator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What the starter adds to an application's start: the same minimal application started in fresh JVMs, without the
 * starter ({@code dynamodb.stream.enabled=false}), with the stream's ARN given, and with a table name to resolve.
 * The variants take turns, so that a slow spell of the machine hits them alike; the medians are compared.
 */
public final class StartupScenario {

    private static final Logger log = LoggerFactory.getLogger(StartupScenario.class);
    private static final List<String> VARIANTS = List.of("without-starter", "stream-arn", "table-name");

    private final RunSettings settings;

    public StartupScenario(RunSettings settings) {
        this.settings = settings;
    }

    public StartupResult run() {
        Map<String, List<long[]>> samples = new LinkedHashMap<>();
        VARIANTS.forEach(variant -> samples.put(variant, new ArrayList<>()));
        try (DynamoDbEmulator emulator = DynamoDbEmulator.start();
             DynamoDbClient dynamoDb = AwsClients.dynamoDb(emulator.endpoint(), emulator.region())) {
            BenchmarkTable table = BenchmarkTable.create(dynamoDb, "startup");
            probe("without-starter", emulator, table);
            for (int run = 0; run < settings.startupRuns(); run++) {
                for (String variant : VARIANTS) {
                    samples.get(variant).add(probe(variant, emulator, table));
                }
            }
        }
        List<Variant> variants = new ArrayList<>();
        long baselineRun = median(samples.get("without-starter"), 0);
        long baselineUptime = median(samples.get("without-starter"), 1);
        for (String variant : VARIANTS) {
            long run = median(samples.get(variant), 0);
            long uptime = median(samples.get(variant), 1);
            variants.add(new Variant(variant, samples.get(variant).size(), run, uptime, run - baselineRun,
                    uptime - baselineUptime));
        }
        StartupResult result = new StartupResult(settings.startupRuns(), variants);
        log.info("start-up: {}", result);
        return result;
    }

    private static long median(List<long[]> samples, int index) {
        return new Percentiles(samples.stream().mapToLong(sample -> sample[index]).toArray()).at(50);
    }

    private static long[] probe(String variant, DynamoDbEmulator emulator, BenchmarkTable table) {
        List<String> command = new ArrayList<>(BenchmarkMain.javaCommandLine());
        command.addAll(List.of(StartupProbe.COMMAND, variant, emulator.endpoint().toString(), emulator.region(),
                table.name(), table.streamArn()));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("The start-up probe " + variant + " failed:\n" + output);
            }
            String line = output.lines().filter(l -> l.startsWith("STARTUP ")).findFirst().orElseThrow(
                    () -> new IllegalStateException("The start-up probe " + variant + " printed no result:\n"
                            + output));
            String[] parts = line.split(" ");
            return new long[] {Long.parseLong(parts[1]), Long.parseLong(parts[2])};
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the start-up probe: " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during the start-up probe", e);
        }
    }

    /**
     * Start-up of every variant.
     *
     * @param runs start-ups of each variant (after one unreported start)
     * @param variants the medians of each
     */
    public record StartupResult(int runs, List<Variant> variants) {
    }

    /**
     * One variant's start-ups.
     *
     * @param variant {@code without-starter}, {@code stream-arn} or {@code table-name}
     * @param runs start-ups measured
     * @param runMillis median time of {@code SpringApplication.run}
     * @param jvmUptimeMillis median JVM uptime when {@code run} returned
     * @param addedRunMillis median run time over the variant without the starter
     * @param addedUptimeMillis median uptime over the variant without the starter
     */
    public record Variant(String variant, int runs, long runMillis, long jvmUptimeMillis, long addedRunMillis,
            long addedUptimeMillis) {
    }
}
