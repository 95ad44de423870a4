package io.github.dynamodbstream.benchmarks.contender;

import io.github.dynamodbstream.benchmarks.support.Deliveries;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Node.js library {@code dynamodb-stream} with the AWS SDK v3 streams client, in a {@code node} process of its
 * own ({@code contender.mjs}). It polls {@code fetchStreamState()} in a loop without overlap, from {@code LATEST}; it
 * reports each delivery as a line on its standard output, with the time its listener was entered.
 */
public final class NodeContender implements Contender {

    private static final Logger log = LoggerFactory.getLogger(NodeContender.class);
    private static final long READY_TIMEOUT_SECONDS = 120;

    private final NodeRuntime runtime;
    private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();
    private Process process;
    private Writer commands;
    private Thread reader;

    public NodeContender(NodeRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public String name() {
        return "node dynamodb-stream";
    }

    @Override
    public void prepare(StreamTarget target, Deliveries deliveries) {
        ProcessBuilder builder = new ProcessBuilder(List.of("node", "contender.mjs"))
                .directory(runtime.directory().toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(stderrLog().toFile()));
        builder.environment().put("ENDPOINT", target.endpoint().toString());
        builder.environment().put("REGION", target.region());
        builder.environment().put("STREAM_ARN", target.streamArn());
        builder.environment().put("POLL_MS", Long.toString(target.pollInterval().toMillis()));
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start node in " + runtime.directory(), e);
        }
        commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        reader = new Thread(() -> readOutput(deliveries), "node-contender-output");
        reader.setDaemon(true);
        reader.start();
        String ready = awaitReply("READY", READY_TIMEOUT_SECONDS);
        log.debug("Node.js contender ready: {}", ready);
    }

    private Path stderrLog() {
        return Path.of(System.getProperty("java.io.tmpdir"), "dynamodb-stream-benchmarks-node.log");
    }

    private void readOutput(Deliveries deliveries) {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith("D ")) {
                    int space = line.indexOf(' ', 2);
                    deliveries.delivered(Long.parseLong(line.substring(2, space)),
                            Long.parseLong(line.substring(space + 1)));
                } else {
                    replies.add(line);
                }
            }
        } catch (IOException e) {
            replies.add("EXIT " + e.getMessage());
        }
        replies.add("EXIT");
    }

    private String awaitReply(String prefix, long timeoutSeconds) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        try {
            while (true) {
                String reply = replies.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (reply == null) {
                    throw new IllegalStateException("The Node.js contender did not answer " + prefix + " within "
                            + timeoutSeconds + " s; see " + stderrLog());
                }
                if (reply.startsWith(prefix)) {
                    return reply;
                }
                if (reply.startsWith("EXIT")) {
                    throw new IllegalStateException("The Node.js contender ended before " + prefix + "; see "
                            + stderrLog());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the Node.js contender", e);
        }
    }

    private void send(String command) {
        try {
            commands.write(command + "\n");
            commands.flush();
        } catch (IOException e) {
            throw new IllegalStateException("The Node.js contender no longer reads its commands; see "
                    + stderrLog(), e);
        }
    }

    @Override
    public void startPolling() {
        send("GO");
    }

    /** Rounds and CPU time of the whole {@code node} process (its event loop, the SDK and the library). */
    @Override
    public Optional<CpuUse> cpuUse() {
        send("STATS");
        String[] stats = awaitReply("STATS", 30).split(" ");
        return Optional.of(new CpuUse(Long.parseLong(stats[2]) * 1_000, Long.parseLong(stats[1])));
    }

    @Override
    public void close() {
        if (process == null) {
            return;
        }
        try {
            send("STOP");
            awaitReply("STOPPED", 30);
            reader.join(10_000);
        } catch (RuntimeException e) {
            log.warn("The Node.js contender did not stop cleanly: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            process.destroy();
        }
    }
}
