package io.github.dynamodbstream.emulator.javascript;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dynamodbstream.emulator.DynamoDbEmulator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code src/test/node/conformance.mjs} with Node.js against an emulator: installs its pinned packages into
 * {@code target/node-conformance} with npm, serves its requests to move the emulator's clock, and returns the
 * observations it prints. Skips the calling test, saying why, when Node.js or npm is missing or the install fails.
 */
final class NodeScript {

    private static final Path SOURCE = Path.of("src", "test", "node");
    private static final Path WORK = Path.of("target", "node-conformance");
    private static final long TIMEOUT_MINUTES = 5;

    private NodeScript() {
    }

    /** Runs the script against the emulator; each clock request advances it by {@code statusDelay}. */
    static JsonNode run(DynamoDbEmulator emulator, Duration statusDelay) throws IOException, InterruptedException {
        assumeTrue(succeeds(List.of("node", "--version"), WORK),
                "node is not on the PATH: the AWS SDK for JavaScript conformance test needs Node.js 20 or later");
        install();
        Process node = new ProcessBuilder("node", "conformance.mjs", emulator.endpoint().toString(),
                Long.toString(statusDelay.toMillis()))
                .directory(WORK.toFile())
                .redirectError(WORK.resolve("conformance.err").toFile())
                .start();
        List<String> output = new ArrayList<>();
        JsonNode result = null;
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
                Writer answers = node.outputWriter(StandardCharsets.UTF_8)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                output.add(line);
                if (line.startsWith("ADVANCE ")) {
                    emulator.advanceClock(Duration.ofMillis(Long.parseLong(line.substring("ADVANCE ".length()))));
                    answers.write("OK\n");
                    answers.flush();
                } else if (line.startsWith("RESULT ")) {
                    result = new ObjectMapper().readTree(line.substring("RESULT ".length()));
                }
            }
        }
        if (!node.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            node.destroyForcibly();
        }
        if (result == null) {
            throw new IllegalStateException("conformance.mjs printed no result; it printed " + output
                    + " and on its error output: " + Files.readString(WORK.resolve("conformance.err")));
        }
        return result;
    }

    private static void install() throws IOException, InterruptedException {
        Files.createDirectories(WORK);
        for (String file : List.of("package.json", "conformance.mjs")) {
            Files.copy(SOURCE.resolve(file), WORK.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        assumeTrue(succeeds(List.of("npm", "install", "--no-audit", "--no-fund", "--no-package-lock",
                        "--loglevel=error"), WORK),
                () -> "npm could not install the AWS SDK for JavaScript (see " + WORK.resolve("npm.log")
                        + "); the conformance test needs npm and its registry");
    }

    /** Runs a command, its output appended to {@code target/node-conformance/npm.log}; false when it cannot run. */
    private static boolean succeeds(List<String> command, Path directory) throws InterruptedException {
        try {
            Files.createDirectories(WORK);
            Process process = new ProcessBuilder(command)
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(WORK.resolve("npm.log").toFile()))
                    .start();
            if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                return false;
            }
            return process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
