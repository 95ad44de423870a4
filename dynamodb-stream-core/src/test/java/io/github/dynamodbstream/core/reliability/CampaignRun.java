package io.github.dynamodbstream.core.reliability;

import static org.awaitility.Awaitility.await;

import io.github.dynamodbstream.core.DynamoDbStreamException;
import io.github.dynamodbstream.core.DynamoDbStreamPoller;
import io.github.dynamodbstream.core.StartingPosition;
import io.github.dynamodbstream.core.checkpoint.InMemoryShardStateRepository;
import io.github.dynamodbstream.core.checkpoint.ShardStateRepository;
import io.github.dynamodbstream.core.dynamodb.DynamoDbShardStateRepository;
import io.github.dynamodbstream.core.failure.RetryBackoff;
import io.github.dynamodbstream.core.reliability.CampaignListener.Delivery;
import io.github.dynamodbstream.core.support.StreamTables;
import io.github.dynamodbstream.emulator.DynamoDbEmulator;
import io.github.dynamodbstream.emulator.Fault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * One run of the fault campaign: a seeded sequence of writes, rounds and faults against a fresh emulator, then a
 * drain, then the checks. Everything random comes from the seed, so a run is repeated by its seed (thread
 * interleavings aside).
 */
final class CampaignRun {

    /** What a campaign can do to the consumer besides writing. */
    enum FaultKind {
        ROTATION, SPLIT, ITERATOR_EXPIRY, THROTTLING, SERVER_ERROR, SLOW_RESPONSE, BAD_ANSWER, LISTENER_EXCEPTION,
        POISON_RECORD, CRASH_MID_BATCH, CRASH_BEFORE_CHECKPOINT
    }

    /** What one run did and found; {@code violations} must be empty. */
    record Report(long seed, String store, int shardsPerStream, int operations, int writes, int rounds,
            Map<FaultKind, Integer> faults, int changes, int delivered, int lost, int duplicates, int crashes,
            int largestInFlight, int poisonRecords, int duplicatesWithoutCrash, List<String> violations) {

        String line() {
            return "seed " + seed + " (" + store + " store, " + shardsPerStream + " shards): " + operations
                    + " operations (" + writes + " writes, " + rounds + " rounds), faults " + faults + ", changes "
                    + changes + ", delivered " + delivered + ", lost " + lost + ", duplicates " + duplicates
                    + " after " + crashes + " crashes (largest batch in flight " + largestInFlight + "), "
                    + poisonRecords + " poison records, good records delivered twice outside a crash "
                    + duplicatesWithoutCrash;
        }
    }

    private static final String TABLE = "campaign";
    private static final String TWICE_WITHOUT_CRASH = "delivered twice without a crash in between: ";
    private static final String THREAD_PREFIX = "dynamodb-stream-";
    private static final List<String> STREAM_OPERATIONS = List.of("GetRecords", "GetShardIterator", "DescribeStream");

    private final long seed;
    private final int operations;
    private final Random random;
    private final Map<FaultKind, Integer> faults = new EnumMap<>(FaultKind.class);
    private final Map<String, Integer> versions = new HashMap<>();
    private final Set<String> present = new HashSet<>();
    private final Set<String> expected = new HashSet<>();
    /** Positions processed and not acknowledged when a generation crashed, by that generation. */
    private final Map<Integer, Set<String>> inFlightAtCrash = new HashMap<>();
    private int writes;
    private int rounds;

    private CampaignRun(long seed, int operations) {
        this.seed = seed;
        this.operations = operations;
        // Random's first draws from nearby seeds are alike; a scrambled seed makes consecutive runs differ.
        this.random = new Random(new SplittableRandom(seed).nextLong());
    }

    static Report run(long seed, int operations) {
        return new CampaignRun(seed, operations).execute();
    }

    private Report execute() {
        ThreadGroup group = Thread.currentThread().getThreadGroup();
        Set<Thread> threadsBefore = pollerThreads(group);
        boolean dynamoDbStore = random.nextBoolean();
        int shards = 1 + random.nextInt(3);
        int keys = 4 + random.nextInt(12);
        DynamoDbEmulator.Builder builder = DynamoDbEmulator.builder()
                .shardsPerStream(shards).seed(seed).emptyPageRate(random.nextDouble() * 0.2);
        CampaignListener listener;
        try (DynamoDbEmulator emulator = builder.start();
                DynamoDbClient dynamoDb = StreamTables.dynamoDbWithRetries(emulator);
                DynamoDbStreamsClient streams = StreamTables.streamsWithoutRetries(emulator)) {
            String streamArn = StreamTables.create(dynamoDb, TABLE);
            InMemoryShardStateRepository memory = new InMemoryShardStateRepository();
            Supplier<ShardStateRepository> stores = dynamoDbStore
                    ? () -> DynamoDbShardStateRepository.builder().dynamoDbClient(dynamoDb)
                            .createTableIfMissing(true).build()
                    : () -> memory;
            AcknowledgementLedger ledger = new AcknowledgementLedger(stores.get());
            listener = new CampaignListener(ledger, new Random(~seed));
            DynamoDbStreamPoller.Builder pollers = DynamoDbStreamPoller.builder()
                    .streamsClient(streams)
                    .streamArn(streamArn)
                    .startingPosition(StartingPosition.TRIM_HORIZON)
                    .shardStateRepository(ledger)
                    .listener(listener)
                    .maxRecordsPerCall(1 + random.nextInt(20))
                    .maxCallsPerShardPerRound(2 + random.nextInt(8))
                    .maxConcurrentShards(1 + random.nextInt(4))
                    .discoveryInterval(random.nextBoolean() ? Duration.ZERO : Duration.ofMillis(200))
                    .apiRetryBackoff(RetryBackoff.of(3, Duration.ofMillis(1), Duration.ofMillis(5)))
                    .listenerRetryBackoff(RetryBackoff.of(2, Duration.ofMillis(1), Duration.ofMillis(5)));
            DynamoDbStreamPoller poller = pollers.build();
            try {
                for (int operation = 0; operation < operations; operation++) {
                    int dice = random.nextInt(100);
                    if (dice < 55) {
                        write(dynamoDb, keys);
                    } else if (dice < 75) {
                        rounds++;
                        if (round(poller, listener)) {
                            poller = restart(poller, listener, ledger, stores, pollers);
                        }
                    } else {
                        injectFault(emulator, listener, ledger);
                    }
                }
                emulator.clearFaults();
                listener.disarm();
                ledger.disarm();
                poller.start(Duration.ofMillis(20));
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                        .until(() -> delivered(listener).containsAll(expected));
            } finally {
                poller.close();
            }
        }
        return report(listener, dynamoDbStore ? "DynamoDB" : "in-memory", shards, group, threadsBefore);
    }

    private void write(DynamoDbClient dynamoDb, int keys) {
        String id = "k" + random.nextInt(keys);
        int version = versions.getOrDefault(id, 0);
        writes++;
        if (present.contains(id) && random.nextInt(4) == 0) {
            StreamTables.delete(dynamoDb, TABLE, id);
            present.remove(id);
            expected.add(id + "#" + (2L * version + 1));
        } else {
            StreamTables.put(dynamoDb, TABLE, id, version + 1);
            versions.put(id, version + 1);
            present.add(id);
            expected.add(id + "#" + 2L * (version + 1));
        }
    }

    /** Runs a round; {@code true} when the consumer crashed in it. */
    private boolean round(DynamoDbStreamPoller poller, CampaignListener listener) {
        try {
            poller.fetchStreamState();
            return false;
        } catch (SimulatedCrash crash) {
            return true;
        } catch (DynamoDbStreamException listingFailed) {
            return false;
        }
    }

    /** The crashed consumer is gone; a new one starts with the same checkpoint store (a new instance of it). */
    private DynamoDbStreamPoller restart(DynamoDbStreamPoller crashed, CampaignListener listener,
            AcknowledgementLedger ledger, Supplier<ShardStateRepository> stores, DynamoDbStreamPoller.Builder pollers) {
        crashed.close();
        Set<String> inFlight = new HashSet<>();
        for (Delivery delivery : listener.deliveries) {
            if (!ledger.isAcknowledged(delivery.shardId(), delivery.sequenceNumber())) {
                inFlight.add(delivery.position());
            }
        }
        inFlightAtCrash.put(listener.generation(), inFlight);
        listener.nextGeneration();
        ledger.store(stores.get());
        return pollers.build();
    }

    private void injectFault(DynamoDbEmulator emulator, CampaignListener listener, AcknowledgementLedger ledger) {
        FaultKind kind = FaultKind.values()[random.nextInt(FaultKind.values().length)];
        String operation = STREAM_OPERATIONS.get(random.nextInt(STREAM_OPERATIONS.size()));
        switch (kind) {
            case ROTATION -> emulator.rotateShards(TABLE);
            case SPLIT -> {
                List<String> open = emulator.openShards(TABLE);
                if (open.isEmpty()) {
                    return;
                }
                emulator.splitShard(TABLE, open.get(random.nextInt(open.size())));
            }
            case ITERATOR_EXPIRY -> emulator.expireIterators();
            case THROTTLING -> emulator.injectFault(operation, Fault.throttling(), 1 + random.nextInt(4));
            case SERVER_ERROR -> emulator.injectFault(operation, Fault.internalError(), 1 + random.nextInt(4));
            case SLOW_RESPONSE -> emulator.injectFault(operation,
                    Fault.delay(Duration.ofMillis(10 + random.nextInt(50))), 1 + random.nextInt(3));
            case BAD_ANSWER -> emulator.injectFault(operation,
                    random.nextBoolean() ? Fault.notJson() : Fault.truncatedJson(), 1 + random.nextInt(2));
            case LISTENER_EXCEPTION -> listener.failNextBatches(1 + random.nextInt(3));
            case POISON_RECORD -> listener.poisonNextRecord(1 + random.nextInt(4));
            case CRASH_MID_BATCH -> listener.crashInNextBatch();
            case CRASH_BEFORE_CHECKPOINT -> ledger.crashOnNextSave();
        }
        faults.merge(kind, 1, Integer::sum);
    }

    private static Set<String> delivered(CampaignListener listener) {
        return listener.deliveries.stream().map(d -> d.id() + "#" + d.order()).collect(Collectors.toSet());
    }

    private Report report(CampaignListener listener, String store, int shards, ThreadGroup group,
            Set<Thread> threadsBefore) {
        List<String> violations = new ArrayList<>(listener.problems);
        List<Delivery> deliveries = List.copyOf(listener.deliveries);
        Set<String> delivered = delivered(listener);
        Set<String> lost = new HashSet<>(expected);
        lost.removeAll(delivered);
        Set<String> phantoms = new HashSet<>(delivered);
        phantoms.removeAll(expected);
        if (!lost.isEmpty()) {
            violations.add("changes never delivered: " + lost);
        }
        if (!phantoms.isEmpty()) {
            violations.add("changes delivered that were never written: " + phantoms);
        }
        int duplicates = checkDuplicates(deliveries, violations);
        int duplicatesWithoutCrash = (int) violations.stream()
                .filter(violation -> violation.startsWith(TWICE_WITHOUT_CRASH)).count();
        checkOrder(deliveries, violations);
        checkThreads(group, threadsBefore, violations);
        int largestInFlight = inFlightAtCrash.values().stream().mapToInt(Set::size).max().orElse(0);
        return new Report(seed, store, shards, operations, writes, rounds, new EnumMap<>(faults), expected.size(),
                deliveries.size(), lost.size(), duplicates, inFlightAtCrash.size(), largestInFlight,
                listener.poisonRecords(), duplicatesWithoutCrash, violations);
    }

    /** Every repeat follows a crash and was in flight at it; nothing acknowledged comes again. */
    private int checkDuplicates(List<Delivery> deliveries, List<String> violations) {
        Map<String, Integer> lastGeneration = new HashMap<>();
        int duplicates = 0;
        for (Delivery delivery : deliveries) {
            if (delivery.alreadyAcknowledged()) {
                violations.add("delivered again after it was acknowledged: " + delivery);
            }
            Integer before = lastGeneration.put(delivery.position(), delivery.generation());
            if (before == null) {
                continue;
            }
            duplicates++;
            if (before == delivery.generation()) {
                violations.add(TWICE_WITHOUT_CRASH + delivery);
            } else if (!inFlightAtCrash.getOrDefault(delivery.generation() - 1, Set.of())
                    .contains(delivery.position())) {
                violations.add("delivered again after a crash but not in flight at it: " + delivery);
            }
        }
        return duplicates;
    }

    /** Per item and consumer generation, changes come in write order; first deliveries too, across generations. */
    private static void checkOrder(List<Delivery> deliveries, List<String> violations) {
        Map<String, Long> lastInGeneration = new HashMap<>();
        Map<String, Long> lastFirstDelivery = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (Delivery delivery : deliveries) {
            String generationKey = delivery.generation() + "/" + delivery.id();
            Long previous = lastInGeneration.put(generationKey, delivery.order());
            if (previous != null && previous >= delivery.order()) {
                violations.add("item " + delivery.id() + ": change " + delivery.order() + " came after change "
                        + previous + " in generation " + delivery.generation());
            }
            if (seen.add(delivery.position())) {
                Long previousFirst = lastFirstDelivery.put(delivery.id(), delivery.order());
                if (previousFirst != null && previousFirst >= delivery.order()) {
                    violations.add("item " + delivery.id() + ": change " + delivery.order()
                            + " was first delivered after change " + previousFirst);
                }
            }
        }
    }

    private static void checkThreads(ThreadGroup group, Set<Thread> before, List<String> violations) {
        try {
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                    .until(() -> leftRunning(group, before).isEmpty());
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            violations.add("threads left running after close: " + leftRunning(group, before));
        }
    }

    private static Set<String> leftRunning(ThreadGroup group, Set<Thread> before) {
        Set<Thread> now = pollerThreads(group);
        now.removeAll(before);
        return now.stream().map(Thread::getName).collect(Collectors.toSet());
    }

    /**
     * The poller threads of a run: those of its thread group, which the threads its pollers start inherit (runs may
     * be performed side by side).
     */
    private static Set<Thread> pollerThreads(ThreadGroup group) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.isAlive() && thread.getName().startsWith(THREAD_PREFIX)
                        && thread.getThreadGroup() == group)
                .collect(Collectors.toCollection(HashSet::new));
    }
}
