package io.github.dynamodbstream.benchmarks.starter;

import io.github.dynamodbstream.benchmarks.support.Deliveries;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts {@link StarterBenchmarkApplication} once in a fresh JVM and prints
 * {@code STARTUP <run millis> <JVM uptime millis>}: how long {@code SpringApplication.run} took, and the JVM's uptime
 * when it returned. Variants: {@code without-starter} ({@code dynamodb.stream.enabled=false}), {@code stream-arn} (the
 * ARN is given) and {@code table-name} (the table is resolved to its stream at start).
 */
public final class StartupProbe {

    /** The command-line word that runs the probe instead of the benchmarks. */
    public static final String COMMAND = "startup-probe";

    private StartupProbe() {
    }

    /** Arguments: variant, endpoint, region, table name, stream ARN. */
    public static void main(String[] args) {
        if (args.length != 5) {
            throw new IllegalArgumentException(
                    "Usage: " + COMMAND + " <without-starter|stream-arn|table-name> <endpoint> <region> <table> <arn>");
        }
        String variant = args[0];
        Map<String, Object> properties = StarterApplications.properties(URI.create(args[1]), args[2],
                variant.equals("table-name") ? args[3] : null, args[4], Duration.ofSeconds(1));
        properties.put("dynamodb.stream.enabled", Boolean.toString(!variant.equals("without-starter")));
        long start = System.nanoTime();
        try (ConfigurableApplicationContext context = StarterApplications.run(properties, new Deliveries(0, 0),
                Map.of())) {
            long runMillis = (System.nanoTime() - start) / 1_000_000;
            long uptimeMillis = ManagementFactory.getRuntimeMXBean().getUptime();
            System.out.println("STARTUP " + runMillis + " " + uptimeMillis);
        }
    }
}
