package io.github.dynamodbstream.reliability;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One generation of the killed application: a JVM of its own running {@link KilledApplication} with the test's
 * class path, its output in a log file, its deliveries in a file of its own.
 */
final class ApplicationProcess {

    private final int generation;
    private final Path deliveries;
    private final Path ready;
    private final Path log;
    private final Process process;

    private ApplicationProcess(int generation, Path deliveries, Path ready, Path log, Process process) {
        this.generation = generation;
        this.deliveries = deliveries;
        this.ready = ready;
        this.log = log;
        this.process = process;
    }

    /** Starts generation {@code generation} with these {@code key=value} properties, in {@code directory}. */
    static ApplicationProcess start(Path directory, int generation, List<String> properties) {
        Path deliveries = directory.resolve("deliveries-" + generation + ".log");
        Path ready = directory.resolve("ready-" + generation);
        Path log = directory.resolve("application-" + generation + ".log");
        try {
            Path arguments = directory.resolve("java-arguments");
            if (!Files.exists(arguments)) {
                Files.writeString(arguments, "-cp \"" + System.getProperty("java.class.path").replace("\\", "\\\\")
                        + "\"\n");
            }
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "@" + arguments, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                    KilledApplication.class.getName(),
                    "--campaign.deliveries=" + deliveries, "--campaign.ready=" + ready));
            properties.forEach(property -> command.add("--" + property));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                    .start();
            return new ApplicationProcess(generation, deliveries, ready, log, process);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int generation() {
        return generation;
    }

    Path deliveries() {
        return deliveries;
    }

    /** Waits until the application is ready (its ready file exists), failing if it died. */
    void awaitReady(Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(20))
                .failFast("the application exited; see " + log, () -> !process.isAlive())
                .until(() -> Files.exists(ready));
    }

    /** Waits until this generation has delivered {@code count} changes (repeats included). */
    void awaitDeliveries(int count, Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(5))
                .failFast("the application exited; see " + log, () -> !process.isAlive())
                .until(() -> DeliveryFile.read(deliveries).size() >= count);
    }

    /** SIGKILL: the process dies at once, whatever it was doing. */
    void kill() {
        process.destroyForcibly();
        awaitExit();
    }

    /** SIGTERM: the application stops gracefully. */
    void stop() {
        process.destroy();
        awaitExit();
    }

    private void awaitExit() {
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("generation " + generation + " did not exit; see " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for generation " + generation, e);
        }
    }
}
