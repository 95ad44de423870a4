package io.github.dynamodbstream.benchmarks.scenario;

import io.github.dynamodbstream.benchmarks.RunSettings;
import io.github.dynamodbstream.benchmarks.contender.Contender;
import io.github.dynamodbstream.benchmarks.contender.ContenderFactory;
import io.github.dynamodbstream.benchmarks.contender.StreamTarget;
import io.github.dynamodbstream.benchmarks.support.AwsClients;
import io.github.dynamodbstream.benchmarks.support.BenchmarkTable;
import io.github.dynamodbstream.benchmarks.support.Calls;
import io.github.dynamodbstream.benchmarks.support.Deliveries;
import io.github.dynamodbstream.benchmarks.support.Pause;
import io.github.dynamodbstream.emulator.DynamoDbEmulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What an idle stream costs: each contender alone, polling a stream nobody writes to at a poll interval of 1 s (the
 * default); the calls the emulator served in the window, scaled to one shard for one hour, and the CPU time per
 * round.
 */
public final class IdleCostScenario {

    private static final Logger log = LoggerFactory.getLogger(IdleCostScenario.class);
    private static final Duration POLL_INTERVAL = Duration.ofSeconds(1);
    private static final Duration SETTLE = Duration.ofSeconds(2);

    private final RunSettings settings;

    public IdleCostScenario(RunSettings settings) {
        this.settings = settings;
    }

    public IdleResult run(List<ContenderFactory> contenders) {
        List<IdleCost> costs = new ArrayList<>();
        try (DynamoDbEmulator emulator = DynamoDbEmulator.builder().shardsPerStream(settings.idleShards()).start();
             DynamoDbClient dynamoDb = AwsClients.dynamoDb(emulator.endpoint(), emulator.region())) {
            int tables = 0;
            for (ContenderFactory factory : contenders) {
                BenchmarkTable table = BenchmarkTable.create(dynamoDb, "idle-" + (++tables));
                StreamTarget target = new StreamTarget(emulator.endpoint(), emulator.region(), table.name(),
                        table.streamArn(), POLL_INTERVAL, settings.idleShards());
                Contender contender = factory.create();
                try {
                    contender.prepare(target, new Deliveries(0, 0));
                    contender.startPolling();
                    Pause.of(SETTLE);
                    Contender.CpuUse before = contender.cpuUse().orElse(null);
                    emulator.calls().reset();
                    long start = System.nanoTime();
                    Pause.of(settings.idleWindow());
                    Map<String, Long> calls = Calls.byOperation(emulator.calls());
                    double seconds = (System.nanoTime() - start) / 1e9;
                    Contender.CpuUse after = contender.cpuUse().orElse(null);
                    Map<String, Double> perShardHour = new TreeMap<>();
                    calls.forEach((operation, count) -> perShardHour.put(operation,
                            count * 3600.0 / seconds / settings.idleShards()));
                    Double cpuPerRound = null;
                    Long rounds = null;
                    if (before != null && after != null && after.rounds() > before.rounds()) {
                        rounds = after.rounds() - before.rounds();
                        cpuPerRound = (after.cpuNanos() - before.cpuNanos()) / 1e6 / rounds;
                    }
                    IdleCost cost = new IdleCost(factory.name(), seconds, calls, perShardHour,
                            Calls.errors(emulator.calls()), rounds, cpuPerRound);
                    log.info("idle cost {}: {}", factory.name(), cost);
                    costs.add(cost);
                } finally {
                    contender.close();
                    table.delete();
                }
            }
        }
        return new IdleResult(settings.idleShards(), POLL_INTERVAL.toMillis(), settings.idleWindow().toSeconds(),
                costs);
    }

    /**
     * Idle cost of every contender.
     *
     * @param shards open shards of the idle stream
     * @param pollIntervalMillis every contender's poll interval
     * @param windowSeconds how long each contender was watched
     * @param contenders each contender's cost
     */
    public record IdleResult(int shards, long pollIntervalMillis, long windowSeconds, List<IdleCost> contenders) {
    }

    /**
     * One contender on an idle stream.
     *
     * @param contender the contender
     * @param seconds the window
     * @param calls calls by operation in the window
     * @param perShardHour calls by operation scaled to one shard for one hour
     * @param errors calls answered with an error
     * @param rounds rounds run in the window, when the contender tells
     * @param cpuMillisPerRound CPU time of the contender's threads (or process) per round
     */
    public record IdleCost(String contender, double seconds, Map<String, Long> calls, Map<String, Double> perShardHour,
            Map<String, Long> errors, Long rounds, Double cpuMillisPerRound) {
    }
}
