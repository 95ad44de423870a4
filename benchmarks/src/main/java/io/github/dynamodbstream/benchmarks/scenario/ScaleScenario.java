package io.github.dynamodbstream.benchmarks.scenario;

import io.github.dynamodbstream.benchmarks.RunSettings;
import io.github.dynamodbstream.benchmarks.contender.Contender;
import io.github.dynamodbstream.benchmarks.contender.ContenderFactory;
import io.github.dynamodbstream.benchmarks.contender.StreamTarget;
import io.github.dynamodbstream.benchmarks.support.AwsClients;
import io.github.dynamodbstream.benchmarks.support.BenchmarkTable;
import io.github.dynamodbstream.benchmarks.support.Calls;
import io.github.dynamodbstream.benchmarks.support.Deliveries;
import io.github.dynamodbstream.benchmarks.support.Heap;
import io.github.dynamodbstream.benchmarks.support.MicroClock;
import io.github.dynamodbstream.benchmarks.support.Pause;
import io.github.dynamodbstream.benchmarks.support.StreamShards;
import io.github.dynamodbstream.core.DynamoDbStreamPoller;
import io.github.dynamodbstream.core.PollResult;
import io.github.dynamodbstream.core.StartingPosition;
import io.github.dynamodbstream.core.StreamListener;
import io.github.dynamodbstream.emulator.DynamoDbEmulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Streams with a long history: 1 % of the shards open, the rest closed by rotations (and a split every tenth
 * rotation). Each contender starts on it at {@code LATEST} (the core also at {@code TRIM_HORIZON}, which walks every
 * lineage from its oldest shard); a few items are written once it is positioned. Measured: time from start to the
 * first delivery, the calls until then, and then, idle, the CPU time and calls per round. Last, the heap a core
 * poller retains once it tracks the stream, per shard of the stream.
 */
public final class ScaleScenario {

    private static final Logger log = LoggerFactory.getLogger(ScaleScenario.class);
    private static final int ITEMS = 10;
    private static final Duration POLL_INTERVAL = Duration.ofSeconds(1);
    private static final Duration FIRST_DELIVERY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration IDLE_WINDOW = Duration.ofSeconds(10);
    private static final int MAX_ROUNDS_TO_CATCH_UP = 500;

    private final RunSettings settings;
    private long nextId = 1;

    public ScaleScenario(RunSettings settings) {
        this.settings = settings;
    }

    public List<ScaleResult> run(List<ContenderFactory> contenders) {
        List<ScaleResult> results = new ArrayList<>();
        for (int shards : settings.scaleShardCounts()) {
            results.add(run(shards, contenders));
        }
        return results;
    }

    private ScaleResult run(int targetShards, List<ContenderFactory> contenders) {
        int open = Math.max(1, targetShards / 100);
        try (DynamoDbEmulator emulator = DynamoDbEmulator.builder().shardsPerStream(open).start();
             DynamoDbClient dynamoDb = AwsClients.dynamoDb(emulator.endpoint(), emulator.region());
             DynamoDbStreamsClient streams = AwsClients.streams(emulator.endpoint(), emulator.region())) {
            BenchmarkTable table = BenchmarkTable.create(dynamoDb, "scale");
            History history = buildHistory(emulator, streams, table, targetShards);
            log.info("scale: stream with {} shards, {} open", history.shards(), history.open());
            StreamTarget target = new StreamTarget(emulator.endpoint(), emulator.region(), table.name(),
                    table.streamArn(), POLL_INTERVAL, history.open());
            List<StartCost> starts = new ArrayList<>();
            for (ContenderFactory factory : contenders) {
                starts.add(start(emulator, table, target, factory));
            }
            List<HeapUse> heap = List.of(
                    heap(streams, table.streamArn(), StartingPosition.LATEST, history.shards()),
                    heap(streams, table.streamArn(), StartingPosition.TRIM_HORIZON, history.shards()));
            ScaleResult result = new ScaleResult(history.shards(), history.open(), history.rotations(),
                    history.splits(), starts, heap);
            log.info("scale {}: {}", history.shards(), result);
            return result;
        }
    }

    private StartCost start(DynamoDbEmulator emulator, BenchmarkTable table, StreamTarget target,
            ContenderFactory factory) {
        long firstId = nextId;
        nextId += ITEMS;
        Deliveries deliveries = new Deliveries(firstId, ITEMS);
        boolean readsHistory = factory.name().contains(StartingPosition.TRIM_HORIZON.name());
        if (readsHistory) {
            table.writeAsFastAsPossible(firstId, ITEMS, 1);
        }
        emulator.calls().reset();
        Contender contender = factory.create();
        try {
            long startMicros = MicroClock.nowMicros();
            contender.prepare(target, deliveries);
            if (!readsHistory) {
                table.writeAsFastAsPossible(firstId, ITEMS, 1);
            }
            contender.startPolling();
            boolean delivered = deliveries.awaitAny(FIRST_DELIVERY_TIMEOUT);
            Map<String, Long> untilFirst = Calls.byOperation(emulator.calls());
            Map<String, Long> errors = Calls.errors(emulator.calls());
            Double firstDeliverySeconds = delivered ? (deliveries.earliestMicros() - startMicros) / 1e6 : null;
            deliveries.awaitDistinct(ITEMS, Duration.ofSeconds(5));
            Pause.of(POLL_INTERVAL.multipliedBy(2));
            Contender.CpuUse before = contender.cpuUse().orElse(null);
            emulator.calls().reset();
            Pause.of(IDLE_WINDOW);
            Map<String, Long> idle = Calls.byOperation(emulator.calls());
            Contender.CpuUse after = contender.cpuUse().orElse(null);
            Long rounds = before == null || after == null ? null : after.rounds() - before.rounds();
            Double cpuPerRound = rounds == null || rounds == 0 ? null
                    : (after.cpuNanos() - before.cpuNanos()) / 1e6 / rounds;
            StartCost cost = new StartCost(factory.name(), firstDeliverySeconds, deliveries.distinct(), untilFirst,
                    errors, IDLE_WINDOW.toSeconds(), rounds, cpuPerRound, idle);
            log.info("scale start {}: {}", factory.name(), cost);
            return cost;
        } finally {
            contender.close();
        }
    }

    private static HeapUse heap(DynamoDbStreamsClient streams, String streamArn, StartingPosition position,
            int shards) {
        DynamoDbStreamPoller poller = DynamoDbStreamPoller.builder()
                .streamsClient(streams)
                .streamArn(streamArn)
                .startingPosition(position)
                .consumerName("heap-" + position)
                .listener(new StreamListener() {
                })
                .build();
        int rounds = 0;
        PollResult result;
        do {
            result = poller.fetchStreamState();
            rounds++;
        } while (!result.caughtUp() && rounds < MAX_ROUNDS_TO_CATCH_UP);
        int tracked = poller.shardState().size();
        long withPoller = Heap.usedAfterCollection();
        poller.close();
        poller = null;
        long withoutPoller = Heap.usedAfterCollection();
        long retained = withPoller - withoutPoller;
        return new HeapUse(position.name(), rounds, tracked, retained, retained / (double) shards);
    }

    private static History buildHistory(DynamoDbEmulator emulator, DynamoDbStreamsClient streams,
            BenchmarkTable table, int targetShards) {
        int rotations = 0;
        int splits = 0;
        int total = StreamShards.all(streams, table.streamArn()).size();
        while (total < targetShards) {
            if ((rotations + splits + 1) % 10 == 0) {
                String open = StreamShards.open(streams, table.streamArn()).get(0).shardId();
                emulator.splitShard(table.name(), open);
                splits++;
            } else {
                emulator.rotateShards(table.name());
                rotations++;
            }
            total = StreamShards.all(streams, table.streamArn()).size();
        }
        List<Shard> shards = StreamShards.all(streams, table.streamArn());
        int open = (int) shards.stream().filter(StreamShards::isOpen).count();
        return new History(shards.size(), open, rotations, splits);
    }

    private record History(int shards, int open, int rotations, int splits) {
    }

    /**
     * One stream with a long history.
     *
     * @param shards shards in the stream
     * @param openShards of which open
     * @param rotations rotations that built the history
     * @param splits splits among them
     * @param starts each contender's start on it
     * @param heap what a core poller retains
     */
    public record ScaleResult(int shards, int openShards, int rotations, int splits, List<StartCost> starts,
            List<HeapUse> heap) {
    }

    /**
     * One contender starting on a stream with a long history.
     *
     * @param contender the contender
     * @param firstDeliverySeconds from start to the first delivery; {@code null} when nothing came within the limit
     * @param delivered items delivered (of 10 written)
     * @param callsUntilFirstDelivery calls by operation from start to the first delivery (or the limit)
     * @param errors calls answered with an error
     * @param idleSeconds the idle window that followed
     * @param idleRounds rounds in the idle window, when the contender tells
     * @param cpuMillisPerIdleRound CPU time per idle round
     * @param idleCalls calls by operation in the idle window
     */
    public record StartCost(String contender, Double firstDeliverySeconds, long delivered,
            Map<String, Long> callsUntilFirstDelivery, Map<String, Long> errors, long idleSeconds, Long idleRounds,
            Double cpuMillisPerIdleRound, Map<String, Long> idleCalls) {
    }

    /**
     * Heap a core poller retains once it tracks the stream: measured after full collections with the poller alive,
     * then after it was closed and dropped.
     *
     * @param startingPosition where it started
     * @param rounds rounds run until caught up
     * @param trackedShards shards in its state ({@code shardState()})
     * @param retainedBytes heap retained by the poller
     * @param bytesPerShard retained bytes per shard of the stream
     */
    public record HeapUse(String startingPosition, int rounds, int trackedShards, long retainedBytes,
            double bytesPerShard) {
    }
}
