package io.github.dynamodbstream.reliability;

import static org.awaitility.Awaitility.await;

import io.github.dynamodbstream.reliability.DeliveryFile.Delivery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One process of the killed application: a JVM of its own running {@link KilledApplication} with the test's
 * class path, its output in a log file, its deliveries in a file of its own.
 */
final class ApplicationProcess {

    private final int number;
    private final Path deliveries;
    private final Path ready;
    private final Path log;
    private final Process process;

    private ApplicationProcess(int number, Path deliveries, Path ready, Path log, Process process) {
        this.number = number;
        this.deliveries = deliveries;
        this.ready = ready;
        this.log = log;
        this.process = process;
    }

    /** Starts process {@code number} with these {@code key=value} properties, in {@code directory}. */
    static ApplicationProcess start(Path directory, int number, List<String> properties) {
        Path deliveries = directory.resolve("deliveries-" + number + ".log");
        Path ready = directory.resolve("ready-" + number);
        Path log = directory.resolve("application-" + number + ".log");
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
            return new ApplicationProcess(number, deliveries, ready, log, process);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int number() {
        return number;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** What it delivered so far (all of it once it exited). */
    List<Delivery> deliveries() {
        return DeliveryFile.read(deliveries, number);
    }

    /** Waits until the application is ready (its ready file exists), failing if it died. */
    void awaitReady(Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(20))
                .failFast("the application exited; see " + log, () -> !process.isAlive())
                .until(() -> Files.exists(ready));
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
                throw new IllegalStateException("process " + number + " did not exit; see " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for process " + number, e);
        }
    }
}
