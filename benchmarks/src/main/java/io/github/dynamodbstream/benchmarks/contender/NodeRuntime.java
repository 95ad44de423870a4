package io.github.dynamodbstream.benchmarks.contender;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Node.js side: the directory with {@code package.json} and {@code contender.mjs}, the {@code node} version, and
 * the packages, installed with {@code npm install --no-package-lock} the first time they are missing.
 */
public final class NodeRuntime {

    private static final Logger log = LoggerFactory.getLogger(NodeRuntime.class);

    private final Path directory;

    private NodeRuntime(Path directory) {
        this.directory = directory;
    }

    /**
     * The Node.js contender's directory, with its packages installed.
     *
     * @throws IllegalStateException when the directory, {@code node} or {@code npm} cannot be found, or the install
     *         fails
     */
    public static NodeRuntime in(Path directory) {
        if (!Files.isRegularFile(directory.resolve("package.json"))
                || !Files.isRegularFile(directory.resolve("contender.mjs"))) {
            throw new IllegalStateException("No package.json and contender.mjs in " + directory.toAbsolutePath()
                    + "; run from the repository root or pass --node-dir benchmarks/node");
        }
        NodeRuntime runtime = new NodeRuntime(directory);
        if (!Files.isDirectory(directory.resolve("node_modules/dynamodb-stream"))
                || !Files.isDirectory(directory.resolve("node_modules/@aws-sdk/client-dynamodb-streams"))) {
            runtime.install();
        }
        return runtime;
    }

    public Path directory() {
        return directory;
    }

    /** The output of {@code node --version}, such as {@code v20.11.1}. */
    public String nodeVersion() {
        return run(List.of("node", "--version"), 30).trim();
    }

    /** The version of an installed package, read from its {@code package.json}. */
    public String packageVersion(String name) {
        Path manifest = directory.resolve("node_modules").resolve(name).resolve("package.json");
        try {
            String json = Files.readString(manifest);
            int key = json.indexOf("\"version\"");
            int start = json.indexOf('"', json.indexOf(':', key)) + 1;
            return json.substring(start, json.indexOf('"', start));
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("Cannot read the version of " + name + " from " + manifest, e);
        }
    }

    private void install() {
        log.info("Installing the Node.js contender's packages in {} (npm install --no-package-lock)", directory);
        run(List.of("npm", "install", "--no-package-lock", "--no-audit", "--no-fund"), 600);
    }

    private String run(List<String> command, long timeoutSeconds) {
        try {
            Path output = Files.createTempFile("benchmark-node-", ".log");
            Process process = new ProcessBuilder(command).directory(directory.toFile())
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within "
                        + timeoutSeconds + " s in " + directory);
            }
            String text = Files.readString(output);
            Files.deleteIfExists(output);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed in " + directory
                        + " (exit " + process.exitValue() + "):\n" + text);
            }
            return text;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run " + String.join(" ", command)
                    + "; are Node.js and npm on the PATH?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + String.join(" ", command), e);
        }
    }
}
