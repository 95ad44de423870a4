package io.github.dynamodbstream.spring.reliability;

import static org.awaitility.Awaitility.await;

import io.github.dynamodbstream.emulator.DynamoDbEmulator;
import io.github.dynamodbstream.emulator.Fault;
import io.github.dynamodbstream.spring.reliability.Deliveries.Delivery;
import io.github.dynamodbstream.spring.support.OnEmulator;
import io.github.dynamodbstream.spring.support.TestItems;
import io.github.dynamodbstream.test.EmulatorTables;
import io.github.dynamodbstream.test.checkpoint.AcknowledgementLedger;
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
import java.util.UUID;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionFactory;
import org.awaitility.core.ConditionTimeoutException;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * One run of the Spring campaign: a seeded sequence of writes, catch-ups and faults against a fresh emulator, read by
 * a Spring application context with the starter; a crash kills the context's generation and a new context starts on
 * the same checkpoint store. Then a drain, then the checks.
 */
final class SpringCampaignRun {

    /** The checkpoint stores the campaign runs on. */
    enum Store {
        DYNAMODB, JDBC
    }

    /** What a campaign does to the consumer besides writing. */
    enum FaultKind {
        ROTATION, SPLIT, THROTTLING, SERVER_ERROR, SLOW_RESPONSE, BAD_ANSWER, LISTENER_EXCEPTION, POISON_RECORD,
        CRASH_IN_LISTENER, CRASH_BEFORE_CHECKPOINT
    }

    /** What one run did and found; {@code violations} must be empty. */
    record Report(long seed, Store store, int shards, int operations, int writes, Map<FaultKind, Integer> faults,
            int contexts, int changes, int delivered, int lost, int duplicatesAfterCrash, int duplicatesWithoutCrash,
            int poisonRecords, int crashes, int largestInFlight, List<String> violations) {

        String line() {
            return "seed " + seed + " (" + store + " store, " + shards + " shards): " + operations + " operations ("
                    + writes + " writes), faults " + faults + ", contexts " + contexts + ", changes " + changes
                    + ", delivered " + delivered + ", lost " + lost + ", duplicates after a crash "
                    + duplicatesAfterCrash + " (" + crashes + " crashes, largest batch in flight " + largestInFlight
                    + "), " + poisonRecords + " poison records, good records delivered twice outside a crash "
                    + duplicatesWithoutCrash;
        }
    }

    private static final String TABLE = "campaign";
    private static final String THREAD_PREFIX = "dynamodb-stream-";
    private static final List<String> STREAM_OPERATIONS = List.of("GetRecords", "GetShardIterator", "DescribeStream");
    private static final Duration CRASH_WAIT = Duration.ofSeconds(5);

    private final long seed;
    private final Store store;
    private final int operations;
    private final Random random;
    private final Map<FaultKind, Integer> faults = new EnumMap<>(FaultKind.class);
    private final Map<String, Integer> versions = new HashMap<>();
    private final Set<String> present = new HashSet<>();
    private final Set<String> expected = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private int poisonRecords;
    /** Positions processed and not acknowledged when a generation crashed, by that generation. */
    private final Map<Integer, Set<String>> inFlightAtCrash = new HashMap<>();
    private final Deliveries deliveries = new Deliveries();
    private final AcknowledgementLedger ledger = new AcknowledgementLedger();
    private final List<String> violations = new ArrayList<>();
    private Set<Thread> threadsBefore;
    private int writes;
    private int contexts;

    private SpringCampaignRun(long seed, Store store, int operations) {
        this.seed = seed;
        this.store = store;
        this.operations = operations;
        this.random = new Random(new SplittableRandom(seed).nextLong());
    }

    static Report run(long seed, Store store, int operations) {
        return new SpringCampaignRun(seed, store, operations).execute();
    }

    private Report execute() {
        threadsBefore = consumerThreads();
        int shards = 1 + random.nextInt(3);
        int keys = 3 + random.nextInt(8);
        DynamoDbEmulator.Builder emulatorBuilder = DynamoDbEmulator.builder()
                .shardsPerStream(shards).seed(seed).emptyPageRate(random.nextDouble() * 0.2);
        try (DynamoDbEmulator emulator = emulatorBuilder.start();
                DynamoDbClient writer = DynamoDbClient.builder().endpointOverride(emulator.endpoint())
                        .region(Region.of(emulator.region())).credentialsProvider(credentials()).build()) {
            EmulatorTables.createWithStream(writer, TABLE);
            String[] properties = properties(emulator);
            Generation generation = new Generation(0);
            ConfigurableApplicationContext context = start(generation, properties);
            try {
                for (int operation = 0; operation < operations; operation++) {
                    int dice = random.nextInt(100);
                    if (dice < 60) {
                        write(writer, keys);
                    } else if (dice < 70) {
                        awaitEverythingDelivered(Duration.ofSeconds(20));
                    } else {
                        FaultKind kind = FaultKind.values()[random.nextInt(FaultKind.values().length)];
                        if (injectFault(kind, emulator, generation, writer, keys)) {
                            crashed(generation, context);
                            generation = new Generation(generation.number() + 1);
                            context = start(generation, properties);
                        }
                    }
                }
                emulator.clearFaults();
                if (!generation.disarm() && generation.isDead()) {
                    crashed(generation, context);
                    generation = new Generation(generation.number() + 1);
                    context = start(generation, properties);
                }
                awaitEverythingDelivered(Duration.ofSeconds(60));
                poisonRecords += generation.poisonRecords();
            } finally {
                context.close();
            }
            checkThreads("after the last close");
        }
        return report(shards);
    }

    private String[] properties(DynamoDbEmulator emulator) {
        List<String> properties = new ArrayList<>(List.of(OnEmulator.properties(emulator,
                "dynamodb.stream.table-name=" + TABLE,
                "dynamodb.stream.item-type=" + CampaignItem.class.getName(),
                "dynamodb.stream.consumer-name=campaign",
                "dynamodb.stream.starting-position=TRIM_HORIZON",
                "dynamodb.stream.poll-interval=20ms",
                "dynamodb.stream.shard-discovery-interval=" + (random.nextBoolean() ? "50ms" : "200ms"),
                "dynamodb.stream.max-records=" + (1 + random.nextInt(20)),
                "dynamodb.stream.on-failure=block",
                "dynamodb.stream.retry.max-attempts=2",
                "dynamodb.stream.retry.initial-backoff=1ms",
                "dynamodb.stream.retry.max-backoff=5ms",
                "dynamodb.stream.shutdown-timeout=5s",
                "campaign.max-calls-per-shard=" + (2 + random.nextInt(8)),
                "spring.main.banner-mode=off",
                "management.health.defaults.enabled=false")));
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        if (store == Store.DYNAMODB) {
            properties.addAll(List.of("dynamodb.stream.checkpoint.store=dynamodb",
                    "dynamodb.stream.checkpoint.table-name=checkpoints-" + suffix,
                    "dynamodb.stream.checkpoint.create-table=true"));
        } else {
            properties.addAll(List.of("dynamodb.stream.checkpoint.store=jdbc",
                    "dynamodb.stream.checkpoint.create-table=true",
                    "spring.datasource.url=jdbc:h2:mem:campaign" + suffix + ";DB_CLOSE_DELAY=-1"));
        }
        return properties.toArray(String[]::new);
    }

    private ConfigurableApplicationContext start(Generation generation, String[] properties) {
        contexts++;
        return new SpringApplicationBuilder(CampaignApplication.class)
                .web(WebApplicationType.NONE)
                .initializers(context -> {
                    context.getBeanFactory().registerSingleton("campaignGeneration", generation);
                    context.getBeanFactory().registerSingleton("campaignDeliveries", deliveries);
                    context.getBeanFactory().registerSingleton("campaignLedger", ledger);
                })
                .properties(properties)
                .run();
    }

    /**
     * The generation is dead: it can neither deliver nor write checkpoints any more. Closing its context reclaims its
     * threads (a process's threads die with it) and changes nothing in the store; then what it processed and did not
     * acknowledge is its batch in flight.
     */
    private void crashed(Generation generation, ConfigurableApplicationContext context) {
        context.close();
        poisonRecords += generation.poisonRecords();
        checkThreads("after the crashed context of generation " + generation.number() + " was closed");
        Set<String> inFlight = new HashSet<>();
        for (Delivery delivery : deliveries.all) {
            if (delivery.generation() == generation.number()
                    && !ledger.isAcknowledged(delivery.shardId(), delivery.sequenceNumber())) {
                inFlight.add(delivery.position());
            }
        }
        inFlightAtCrash.put(generation.number(), inFlight);
    }

    private void write(DynamoDbClient writer, int keys) {
        String id = "k" + random.nextInt(keys);
        int version = versions.getOrDefault(id, 0);
        writes++;
        if (present.contains(id) && random.nextInt(4) == 0) {
            TestItems.delete(writer, TABLE, id);
            present.remove(id);
            expected.add(id + "#" + (2L * version + 1));
        } else {
            TestItems.put(writer, TABLE, id, version + 1);
            versions.put(id, version + 1);
            present.add(id);
            expected.add(id + "#" + 2L * (version + 1));
        }
    }

    /** Injects a fault; {@code true} when the consumer crashed. */
    private boolean injectFault(FaultKind kind, DynamoDbEmulator emulator, Generation generation,
            DynamoDbClient writer, int keys) {
        String operation = STREAM_OPERATIONS.get(random.nextInt(STREAM_OPERATIONS.size()));
        faults.merge(kind, 1, Integer::sum);
        switch (kind) {
            case ROTATION -> emulator.rotateShards(TABLE);
            case SPLIT -> {
                List<String> open = emulator.openShards(TABLE);
                if (!open.isEmpty()) {
                    emulator.splitShard(TABLE, open.get(random.nextInt(open.size())));
                }
            }
            case THROTTLING -> emulator.injectFault(operation, Fault.throttling(), 1 + random.nextInt(4));
            case SERVER_ERROR -> emulator.injectFault(operation, Fault.internalError(), 1 + random.nextInt(4));
            case SLOW_RESPONSE -> emulator.injectFault(operation,
                    Fault.delay(Duration.ofMillis(10 + random.nextInt(50))), 1 + random.nextInt(3));
            case BAD_ANSWER -> emulator.injectFault(operation,
                    random.nextBoolean() ? Fault.notJson() : Fault.truncatedJson(), 1 + random.nextInt(2));
            case LISTENER_EXCEPTION -> generation.failNextDeliveries(1 + random.nextInt(3));
            case POISON_RECORD -> generation.poisonNext(1 + random.nextInt(4));
            case CRASH_IN_LISTENER, CRASH_BEFORE_CHECKPOINT -> {
                if (kind == FaultKind.CRASH_IN_LISTENER) {
                    generation.armCrashAfter(random.nextInt(4));
                } else {
                    generation.armCrashOnNextSave();
                }
                writes(writer, keys, 1 + random.nextInt(4));
                try {
                    waiting().atMost(CRASH_WAIT).pollInterval(Duration.ofMillis(5)).until(generation::isDead);
                } catch (ConditionTimeoutException notYet) {
                    // Not fired (the consumer had not reached the armed point): disarmed, unless it fires meanwhile.
                    if (generation.disarm()) {
                        faults.merge(kind, -1, Integer::sum);
                        return false;
                    }
                    waiting().atMost(CRASH_WAIT).until(generation::isDead);
                }
                return true;
            }
        }
        return false;
    }

    private void writes(DynamoDbClient writer, int keys, int count) {
        for (int i = 0; i < count; i++) {
            write(writer, keys);
        }
    }

    private void awaitEverythingDelivered(Duration atMost) {
        waiting().atMost(atMost).pollInterval(Duration.ofMillis(10)).until(() -> delivered().containsAll(expected));
    }

    private Set<String> delivered() {
        return deliveries.all.stream().map(d -> d.id() + "#" + d.order()).collect(Collectors.toSet());
    }

    private Report report(int shards) {
        violations.addAll(deliveries.problems);
        List<Delivery> all = List.copyOf(deliveries.all);
        Set<String> delivered = delivered();
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
        int[] repeats = checkRepeats(all);
        checkOrder(all);
        int largestInFlight = inFlightAtCrash.values().stream().mapToInt(Set::size).max().orElse(0);
        return new Report(seed, store, shards, operations, writes, new EnumMap<>(faults), contexts, expected.size(),
                all.size(), lost.size(), repeats[0], repeats[1], poisonRecords, inFlightAtCrash.size(), largestInFlight,
                List.copyOf(violations));
    }

    /**
     * Nothing acknowledged comes again. A change comes again in a later generation only if it was in flight when the
     * generation that processed it crashed, and never in the same generation: a listener that throws on a change
     * fails that change alone. Returns both counts.
     */
    private int[] checkRepeats(List<Delivery> all) {
        Map<String, Integer> lastGeneration = new HashMap<>();
        int afterCrash = 0;
        int withoutCrash = 0;
        for (Delivery delivery : all) {
            if (delivery.alreadyAcknowledged()) {
                violations.add("delivered again after it was acknowledged: " + delivery);
            }
            Integer before = lastGeneration.put(delivery.position(), delivery.generation());
            if (before == null) {
                continue;
            }
            if (before == delivery.generation()) {
                withoutCrash++;
                violations.add("delivered twice in one generation, without a crash: " + delivery);
            } else {
                afterCrash++;
                if (!inFlightAtCrash.getOrDefault(before, Set.of()).contains(delivery.position())) {
                    violations.add("delivered again after a crash but not in flight at it: " + delivery);
                }
            }
        }
        return new int[] {afterCrash, withoutCrash};
    }

    /** Per item and generation, first deliveries come in write order; first deliveries overall too. */
    private void checkOrder(List<Delivery> all) {
        Map<String, Long> lastInGeneration = new HashMap<>();
        Map<String, Long> lastFirstDelivery = new LinkedHashMap<>();
        Set<String> seenInGeneration = new HashSet<>();
        Set<String> seen = new HashSet<>();
        for (Delivery delivery : all) {
            if (seenInGeneration.add(delivery.generation() + "/" + delivery.position())) {
                Long previous = lastInGeneration.put(delivery.generation() + "/" + delivery.id(), delivery.order());
                if (previous != null && previous >= delivery.order()) {
                    violations.add("item " + delivery.id() + ": change " + delivery.order() + " came after change "
                            + previous + " in generation " + delivery.generation());
                }
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

    private void checkThreads(String when) {
        try {
            waiting().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                    .until(() -> leftRunning().isEmpty());
        } catch (ConditionTimeoutException e) {
            violations.add("threads left running " + when + ": " + leftRunning());
        }
    }

    private Set<String> leftRunning() {
        Set<Thread> now = consumerThreads();
        now.removeAll(threadsBefore);
        return now.stream().map(Thread::getName).collect(Collectors.toSet());
    }

    private static Set<Thread> consumerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.isAlive() && thread.getName().startsWith(THREAD_PREFIX))
                .collect(Collectors.toCollection(HashSet::new));
    }

    /** Awaitility, leaving alone the errors of the consumer's threads (a crash kills a round thread on purpose). */
    private static ConditionFactory waiting() {
        return await().dontCatchUncaughtExceptions();
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("emulator", "emulator"));
    }
}
