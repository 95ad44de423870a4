package io.github.dynamodbstream.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The command line.
 *
 * @param settings sizes of the run ({@code --quick} or {@code --full}, the default)
 * @param out where {@code benchmarks.md} and {@code benchmarks.json} go ({@code --out}, default {@code docs})
 * @param scenarios the scenarios to run ({@code --only startup,throughput,latency,idle,scale}; default all)
 * @param nodeDirectory the Node.js contender's directory ({@code --node-dir}, default {@code benchmarks/node})
 * @param node whether to run the Node.js contender ({@code --no-node} leaves it out)
 * @param contenders the contenders to run ({@code --contenders ceiling,core,starter,kcl,node}; default all)
 * @param analysis a Markdown file appended to the page ({@code --analysis}, default {@code benchmarks/analysis.md}
 *        when it exists)
 * @param render a {@code benchmarks.json} to write the page from again, without running anything ({@code --render})
 * @param arguments the arguments as given
 */
public record BenchmarkOptions(RunSettings settings, Path out, Set<String> scenarios, Path nodeDirectory,
        boolean node, Set<String> contenders, Path analysis, Path render, List<String> arguments) {

    /** Every scenario, in the order they run. */
    public static final List<String> SCENARIOS = List.of("startup", "throughput", "latency", "idle", "scale");

    /** Every contender, by the short name {@code --contenders} takes. */
    public static final List<String> CONTENDERS = List.of("ceiling", "core", "starter", "kcl", "node");

    private static final String USAGE = """
            Usage: java -jar benchmarks/target/dynamodb-stream-benchmarks.jar [options]
              --full                 the sizes of the issue (default): 100,000 items, 60 s of latency, ...
              --quick                smaller counts, a few minutes in all
              --out DIR              where benchmarks.md and benchmarks.json are written (default: docs)
              --only LIST            scenarios to run, comma-separated: startup,throughput,latency,idle,scale
              --node-dir DIR         the Node.js contender (default: benchmarks/node)
              --no-node              leave the Node.js contender out
              --contenders LIST      contenders to run, comma-separated: ceiling,core,starter,kcl,node
              --analysis FILE        Markdown appended to the page (default: benchmarks/analysis.md if present)
              --render FILE          write benchmarks.md again from a benchmarks.json, running nothing
            Run it from the repository root.""";

    /**
     * Reads the command line.
     *
     * @throws IllegalArgumentException with the usage, when an option is unknown or lacks its value
     */
    public static BenchmarkOptions parse(String[] args) {
        RunSettings settings = RunSettings.full();
        Path out = Path.of("docs");
        Set<String> scenarios = new LinkedHashSet<>(SCENARIOS);
        Path nodeDirectory = Path.of("benchmarks", "node");
        boolean node = true;
        Set<String> contenders = new LinkedHashSet<>(CONTENDERS);
        Path analysis = Path.of("benchmarks", "analysis.md");
        Path render = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--full" -> settings = RunSettings.full();
                case "--quick" -> settings = RunSettings.quick();
                case "--out" -> out = Path.of(value(args, ++i));
                case "--only" -> scenarios = choose(value(args, ++i), SCENARIOS, "scenarios");
                case "--contenders" -> contenders = choose(value(args, ++i), CONTENDERS, "contenders");
                case "--node-dir" -> nodeDirectory = Path.of(value(args, ++i));
                case "--no-node" -> node = false;
                case "--analysis" -> analysis = Path.of(value(args, ++i));
                case "--render" -> render = Path.of(value(args, ++i));
                default -> throw new IllegalArgumentException("Unknown option " + args[i] + "\n" + USAGE);
            }
        }
        return new BenchmarkOptions(settings, out, scenarios, nodeDirectory, node && contenders.contains("node"),
                contenders, Files.isRegularFile(analysis) ? analysis : null, render, List.of(args));
    }

    private static String value(String[] args, int index) {
        if (index >= args.length) {
            throw new IllegalArgumentException(args[index - 1] + " needs a value\n" + USAGE);
        }
        return args[index];
    }

    private static Set<String> choose(String list, List<String> known, String what) {
        Set<String> chosen = new LinkedHashSet<>();
        List<String> unknown = new ArrayList<>();
        for (String name : list.split(",")) {
            if (known.contains(name.trim())) {
                chosen.add(name.trim());
            } else {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty() || chosen.isEmpty()) {
            throw new IllegalArgumentException("Unknown " + what + " " + unknown + "; choose from " + known);
        }
        return chosen;
    }
}
