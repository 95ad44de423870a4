package io.github.dynamodbstream.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.dynamodbstream.benchmarks.contender.CeilingContender;
import io.github.dynamodbstream.benchmarks.contender.ContenderFactory;
import io.github.dynamodbstream.benchmarks.contender.CoreContender;
import io.github.dynamodbstream.benchmarks.contender.KclContender;
import io.github.dynamodbstream.benchmarks.contender.NodeContender;
import io.github.dynamodbstream.benchmarks.contender.NodeRuntime;
import io.github.dynamodbstream.benchmarks.contender.StarterContender;
import io.github.dynamodbstream.benchmarks.report.MarkdownReport;
import io.github.dynamodbstream.benchmarks.report.RunReport;
import io.github.dynamodbstream.benchmarks.scenario.IdleCostScenario;
import io.github.dynamodbstream.benchmarks.scenario.LatencyScenario;
import io.github.dynamodbstream.benchmarks.scenario.ScaleScenario;
import io.github.dynamodbstream.benchmarks.scenario.StartupScenario;
import io.github.dynamodbstream.benchmarks.scenario.ThroughputScenario;
import io.github.dynamodbstream.benchmarks.starter.StartupProbe;
import io.github.dynamodbstream.core.StartingPosition;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.kinesis.retrieval.RetrievalConfig;

/**
 * Runs the benchmarks and writes {@code benchmarks.md} and {@code benchmarks.json}. See {@code benchmarks/README.md}.
 */
public final class BenchmarkMain {

    private static final Logger log = LoggerFactory.getLogger(BenchmarkMain.class);
    private static final String BUILD = "mvn -B -ntp -o -pl benchmarks -am clean package -DskipTests";
    private static final String JAR = "benchmarks/target/dynamodb-stream-benchmarks.jar";
    private static final String PRE_TOUCH = "-XX:+AlwaysPreTouch";
    /**
     * Not started on the scale streams: the starter is the core with Spring around it; the KCL mode would measure
     * KCL's wait on a fresh lease table and one lease per shard, not listing (see the README).
     */
    private static final Set<String> NOT_IN_SCALE = Set.of("starter", "kcl");

    private BenchmarkMain() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length > 0 && args[0].equals(StartupProbe.COMMAND)) {
            StartupProbe.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        BenchmarkOptions options;
        try {
            options = BenchmarkOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        if (options.render() != null) {
            RunReport report = new ObjectMapper().readValue(options.render().toFile(), RunReport.class);
            write(options, report);
        } else if (startsItselfAgain()) {
            System.exit(runWithFixedHeap(args));
        } else {
            run(options);
        }
        System.exit(0);
    }

    /** Whether this JVM's heap was committed and touched in full at its start. */
    private static boolean heapFixed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getInit() >= Runtime.getRuntime().maxMemory()
                && ManagementFactory.getRuntimeMXBean().getInputArguments().contains(PRE_TOUCH);
    }

    /**
     * Whether to run the benchmarks in a child JVM with a fixed heap: not when this JVM was given {@value #PRE_TOUCH},
     * as that child always is (so it never starts another), nor when it was given a flight recording, which is to be
     * of the JVM that runs the benchmarks.
     */
    private static boolean startsItselfAgain() {
        List<String> options = ManagementFactory.getRuntimeMXBean().getInputArguments();
        return !options.contains(PRE_TOUCH)
                && options.stream().noneMatch(option -> option.startsWith("-XX:StartFlightRecording"));
    }

    /**
     * Runs the benchmarks in a child JVM with this JVM's options and its largest heap committed and touched at the
     * start ({@code -Xms} = {@code -Xmx}, {@value #PRE_TOUCH}). With a heap that grows and shrinks, the collector gave
     * memory back between the passes and took it again during them: the kernel's page faults then took as much CPU as
     * the contender in some passes (system time 40-65 % of the machine instead of about 5 %), which made a pass of the
     * same code twice as slow as the next.
     *
     * @return the child's exit code
     */
    private static int runWithFixedHeap(String[] args) throws IOException {
        long heapMegabytes = Runtime.getRuntime().maxMemory() / (1024 * 1024);
        List<String> javaCommand = javaCommandLine();
        List<String> command = new ArrayList<>(javaCommand.subList(0, 1));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("-Xms" + heapMegabytes + "m", "-Xmx" + heapMegabytes + "m", PRE_TOUCH));
        command.addAll(javaCommand.subList(1, javaCommand.size()));
        command.addAll(List.of(args));
        log.info("Running the benchmarks in a JVM with a heap of {} MB committed at its start", heapMegabytes);
        try {
            return new ProcessBuilder(command).inheritIO().start().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private static void run(BenchmarkOptions options) throws IOException {
        if (!heapFixed()) {
            log.warn("This JVM's heap grows and shrinks: give -Xms and -Xmx the same size and -XX:+AlwaysPreTouch "
                    + "for figures comparable with docs/benchmarks.md");
        }
        String date = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        RunSettings settings = options.settings();
        List<String> notes = new ArrayList<>();
        Map<String, String> described = new LinkedHashMap<>();
        List<ContenderFactory> contenders = contenders(options, described, notes);
        log.info("Running {} ({} run) with {}", options.scenarios(), settings.mode(),
                contenders.stream().map(ContenderFactory::name).toList());

        var startup = options.scenarios().contains("startup") ? new StartupScenario(settings).run() : null;
        List<ContenderFactory> throughputContenders = new ArrayList<>(contenders);
        if (options.contenders().contains("starter")) {
            throughputContenders.add(throughputContenders.indexOf(find(contenders, "starter")) + 1,
                    new ContenderFactory(StarterContender.OBSERVED, () -> new StarterContender(true)));
        }
        var throughput = options.scenarios().contains("throughput")
                ? new ThroughputScenario(settings).run(throughputContenders) : null;
        var latency = options.scenarios().contains("latency") ? new LatencyScenario(settings).run(contenders) : null;
        var idle = options.scenarios().contains("idle") ? new IdleCostScenario(settings).run(contenders) : null;
        List<ContenderFactory> scaleContenders = new ArrayList<>(contenders.stream()
                .filter(contender -> !NOT_IN_SCALE.contains(contender.name())).toList());
        if (options.contenders().contains("core")) {
            scaleContenders.add(scaleContenders.indexOf(find(contenders, "core")) + 1,
                    new ContenderFactory("core (" + StartingPosition.TRIM_HORIZON + ")",
                            () -> new CoreContender(StartingPosition.TRIM_HORIZON)));
        }
        var scale = options.scenarios().contains("scale") ? new ScaleScenario(settings).run(scaleContenders) : null;

        RunReport report = new RunReport(date, command(options), settings.mode(), machine(loadBefore), described,
                startup, throughput, latency, idle, scale, notes);
        write(options, report);
    }

    private static List<ContenderFactory> contenders(BenchmarkOptions options, Map<String, String> described,
            List<String> notes) {
        List<ContenderFactory> contenders = new ArrayList<>();
        if (options.contenders().contains("ceiling")) {
            contenders.add(new ContenderFactory("ceiling", CeilingContender::new));
            described.put("ceiling", "A hand-written loop over the AWS SDK for Java v2: GetShardIterator (LATEST) on "
                    + "every open shard, then GetRecords until a page is empty, on a thread per shard; no processing");
        }
        if (options.contenders().contains("core")) {
            contenders.add(new ContenderFactory("core", CoreContender::new));
            described.put("core", "dynamodb-stream-core: DynamoDbStreamPoller with its defaults (4 reader threads, "
                    + "listing every 30 s) and a no-op StreamListener.onInsert");
        }
        if (options.contenders().contains("starter")) {
            contenders.add(new ContenderFactory("starter", StarterContender::new));
            described.put("starter", "dynamodb-stream-spring-boot-starter in a minimal SpringApplication (no web), "
                    + "configured by dynamodb.stream.* properties (table-name, item-type, poll-interval, ...), with a "
                    + "no-op @EventListener for ItemInsertedEvent<OrderItem> (a Java record mapped by Jackson)");
            if (options.scenarios().contains("throughput")) {
                described.put(StarterContender.OBSERVED, "the same application with an ObservationRegistry that "
                        + "records every observation in a timer (Micrometer's DefaultMeterObservationHandler on a "
                        + "SimpleMeterRegistry): every delivery observed; in the throughput scenario only");
            }
        }
        if (options.contenders().contains("kcl")) {
            contenders.add(new ContenderFactory("kcl", KclContender::new));
            described.put("kcl", "the same application with dynamodb-stream-kcl and dynamodb.stream.coordination=kcl "
                    + "(stream-arn, a fresh consumer-name per pass, kcl.* at their defaults): one instance on KCL "
                    + RetrievalConfig.KINESIS_CLIENT_LIB_USER_AGENT_VERSION + " and the DynamoDB Streams Kinesis Adapter, lease tables in the same emulator");
        }
        if (options.node()) {
            NodeRuntime node = NodeRuntime.in(options.nodeDirectory());
            contenders.add(new ContenderFactory("node dynamodb-stream", () -> new NodeContender(node)));
            described.put("node dynamodb-stream", "npm dynamodb-stream " + node.packageVersion("dynamodb-stream")
                    + " with @aws-sdk/client-dynamodb-streams " + node.packageVersion("@aws-sdk/client-dynamodb-streams")
                    + " on Node.js " + node.nodeVersion() + ": fetchStreamState() in a loop without overlap, "
                    + "next round at once when the last one delivered, else after the poll interval");
        } else {
            notes.add("The Node.js contender was left out (" + (options.contenders().contains("node") ? "--no-node"
                    : "--contenders") + ").");
        }
        List<String> left = BenchmarkOptions.CONTENDERS.stream()
                .filter(name -> !name.equals("node") && !options.contenders().contains(name)).toList();
        if (!left.isEmpty()) {
            notes.add("Left out with --contenders: " + String.join(", ", left) + ".");
        }
        return contenders;
    }

    private static ContenderFactory find(List<ContenderFactory> contenders, String name) {
        return contenders.stream().filter(contender -> contender.name().equals(name)).findFirst().orElseThrow();
    }

    private static RunReport.Machine machine(double loadBefore) {
        String os = System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch");
        return new RunReport.Machine(Runtime.getRuntime().availableProcessors(), os,
                System.getProperty("java.vm.name") + " " + Runtime.version(),
                Runtime.getRuntime().maxMemory() / (1024 * 1024), heapFixed(), loadBefore,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static String command(BenchmarkOptions options) {
        return BUILD + " && java -jar " + JAR
                + (options.arguments().isEmpty() ? "" : " " + String.join(" ", options.arguments()));
    }

    private static void write(BenchmarkOptions options, RunReport report) throws IOException {
        Files.createDirectories(options.out());
        String analysis = options.analysis() == null ? null : Files.readString(options.analysis());
        Path markdown = options.out().resolve("benchmarks.md");
        Path json = options.out().resolve("benchmarks.json");
        Files.writeString(markdown, MarkdownReport.render(report, analysis));
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), report);
        log.info("Wrote {} and {}", markdown, json);
    }

    /**
     * The command that starts this program again in a fresh JVM: {@code java -jar <jar>} when it runs from its jar,
     * otherwise {@code java -cp <class path> <this class>}.
     */
    public static List<String> javaCommandLine() {
        String executable = ProcessHandle.current().info().command().orElse("java");
        String classPath = System.getProperty("java.class.path");
        if (classPath.endsWith(".jar") && !classPath.contains(File.pathSeparator)) {
            return List.of(executable, "-jar", classPath);
        }
        return List.of(executable, "-cp", classPath, BenchmarkMain.class.getName());
    }
}
