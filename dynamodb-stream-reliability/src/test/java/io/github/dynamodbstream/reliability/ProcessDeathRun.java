package io.github.dynamodbstream.reliability;

import static org.awaitility.Awaitility.await;

import io.github.dynamodbstream.core.DynamoDbShardStateRepository;
import io.github.dynamodbstream.core.ShardCheckpoint;
import io.github.dynamodbstream.core.ShardStateRepository;
import io.github.dynamodbstream.emulator.DynamoDbEmulator;
import io.github.dynamodbstream.emulator.DynamoDbEmulatorExtension;
import io.github.dynamodbstream.reliability.DeliveryFile.Delivery;
import io.github.dynamodbstream.spring.checkpoint.jdbc.JdbcShardStateRepository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * One run of the process-death campaign: a fresh emulator in this JVM, the {@link KilledApplication} in another,
 * reading it with checkpoints in DynamoDB (a table of the emulator) or PostgreSQL; seeded writes with shard rotations,
 * splits and poison records, and a SIGKILL of the application at seeded moments, each followed by a restart; then a
 * drain, a graceful stop, and the checks.
 */
final class ProcessDeathRun {

    /** The checkpoint stores the campaign runs on. */
    enum Store {
        DYNAMODB, POSTGRESQL
    }

    /** What one run did and found; {@code violations} must be empty. */
    record Report(long seed, Store store, int shards, int maxRecords, int writes, int rotations, int splits,
            int poisonChanges, int kills, int killsBeforeReady, int changes, int delivered, int lost, int duplicates,
            int largestInFlight, List<String> violations) {

        String line() {
            return "seed " + seed + " (" + store + " store, " + shards + " shards, max-records " + maxRecords + "): "
                    + writes + " writes, " + rotations + " rotations, " + splits + " splits, " + poisonChanges
                    + " poison changes, " + kills + " kills (" + killsBeforeReady + " before ready), changes "
                    + changes + ", delivered " + delivered + ", lost " + lost + ", duplicates " + duplicates
                    + " (largest batch in flight " + largestInFlight + "), violations " + violations.size();
        }
    }

    private static final String TABLE = "changes";
    private static final String CONSUMER = "killed";
    private static final Duration START = Duration.ofSeconds(60);
    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("emulator", "emulator"));

    private final long seed;
    private final Store store;
    private final int kills;
    private final DataSource postgres;
    private final Path directory;
    private final Random random;
    private final Map<String, Integer> versions = new HashMap<>();
    private final Set<String> present = new HashSet<>();
    private final Set<String> expected = new HashSet<>();
    private final List<Delivery> deliveries = new ArrayList<>();
    /** What the store held when each killed generation died: shard to checkpoint. */
    private final Map<Integer, Map<String, ShardCheckpoint>> acknowledgedAtKill = new HashMap<>();
    /** Positions handled and not acknowledged when each killed generation died. */
    private final Map<Integer, Set<String>> inFlightAtKill = new HashMap<>();
    private final List<String> violations = new ArrayList<>();
    private int maxRecords;
    private int keys;
    private int writes;
    private int rotations;
    private int splits;
    private int poisonChanges;
    private int killsBeforeReady;

    private ProcessDeathRun(long seed, Store store, int kills, DataSource postgres, Path directory) {
        this.seed = seed;
        this.store = store;
        this.kills = kills;
        this.postgres = postgres;
        this.directory = directory;
        this.random = new Random(new SplittableRandom(seed).nextLong());
    }

    /**
     * Performs a run; {@code kills} SIGKILLs (0: 5 to 10, drawn from the seed); {@code postgres} for the PostgreSQL
     * store; the application's files go to {@code directory}.
     */
    static Report run(long seed, Store store, int kills, DataSource postgres, Path directory) {
        return new ProcessDeathRun(seed, store, kills, postgres, directory).execute();
    }

    private Report execute() {
        int shards = 1 + random.nextInt(3);
        int killCount = kills > 0 ? kills : 5 + random.nextInt(6);
        keys = 4 + random.nextInt(12);
        maxRecords = 1 + random.nextInt(20);
        String checkpointTable = "checkpoints_" + seed;
        try (DynamoDbEmulator emulator = DynamoDbEmulator.builder().shardsPerStream(shards).seed(seed).start();
                DynamoDbClient dynamoDb = DynamoDbClient.builder().endpointOverride(emulator.endpoint())
                        .region(Region.of(emulator.region())).credentialsProvider(CREDENTIALS).build();
                DynamoDbStreamsClient streams = DynamoDbStreamsClient.builder().endpointOverride(emulator.endpoint())
                        .region(Region.of(emulator.region())).credentialsProvider(CREDENTIALS).build()) {
            String streamArn = createTable(dynamoDb);
            ShardStateRepository checkpoints = store == Store.DYNAMODB
                    ? DynamoDbShardStateRepository.builder().dynamoDbClient(dynamoDb).tableName(checkpointTable)
                            .createTableIfMissing(true).build()
                    : JdbcShardStateRepository.builder(postgres).tableName(checkpointTable).createTable(true).build();
            List<String> properties = properties(emulator, checkpointTable);
            ApplicationProcess application = ApplicationProcess.start(directory, 0, properties);
            try {
                for (int kill = 0; kill < killCount; kill++) {
                    writeSome(dynamoDb, emulator, streams, streamArn, 5 + random.nextInt(40));
                    awaitSeededMoment(application);
                    application.kill();
                    killed(application, checkpoints.load(CONSUMER, streamArn));
                    application = ApplicationProcess.start(directory, application.generation() + 1, properties);
                }
                writeSome(dynamoDb, emulator, streams, streamArn, 5 + random.nextInt(40));
                ApplicationProcess last = application;
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20))
                        .until(() -> delivered(last).containsAll(expected));
            } finally {
                application.stop();
            }
            deliveries.addAll(DeliveryFile.read(application.deliveries(), application.generation()));
            return report(shards, killCount);
        }
    }

    private List<String> properties(DynamoDbEmulator emulator, String checkpointTable) {
        List<String> properties = new ArrayList<>(List.of(
                "dynamodb.stream.endpoint=" + emulator.endpoint(),
                "dynamodb.stream.region=" + emulator.region(),
                "dynamodb.stream.credentials.access-key-id=emulator",
                "dynamodb.stream.credentials.secret-access-key=emulator",
                "dynamodb.stream.table-name=" + TABLE,
                "dynamodb.stream.consumer-name=" + CONSUMER,
                "dynamodb.stream.starting-position=TRIM_HORIZON",
                "dynamodb.stream.poll-interval=20ms",
                "dynamodb.stream.shard-discovery-interval=" + (random.nextBoolean() ? "50ms" : "200ms"),
                "dynamodb.stream.max-records=" + maxRecords,
                "dynamodb.stream.on-failure=block",
                "dynamodb.stream.retry.max-attempts=2",
                "dynamodb.stream.retry.initial-backoff=1ms",
                "dynamodb.stream.retry.max-backoff=5ms",
                "dynamodb.stream.checkpoint.table-name=" + checkpointTable,
                "dynamodb.stream.checkpoint.create-table=true",
                "spring.main.banner-mode=off"));
        if (store == Store.DYNAMODB) {
            properties.addAll(List.of("dynamodb.stream.checkpoint.store=dynamodb",
                    "spring.autoconfigure.exclude=org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration"));
        } else {
            properties.addAll(List.of("dynamodb.stream.checkpoint.store=jdbc",
                    "spring.datasource.url=" + jdbcUrl(), "spring.datasource.username=postgres"));
        }
        return properties;
    }

    private String jdbcUrl() {
        try (var connection = postgres.getConnection()) {
            return connection.getMetaData().getURL();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot read PostgreSQL's JDBC URL", e);
        }
    }

    /**
     * Waits for the moment of the next kill, drawn from the seed: one time in eight at once (the application may
     * still be starting), otherwise once it has delivered 0 to 40 more changes (no more than it has left to deliver).
     */
    private void awaitSeededMoment(ApplicationProcess application) {
        if (random.nextInt(8) == 0) {
            killsBeforeReady++;
            return;
        }
        application.awaitReady(START);
        Set<String> pending = new HashSet<>(expected);
        pending.removeAll(delivered(application));
        int already = DeliveryFile.read(application.deliveries()).size();
        application.awaitDeliveries(already + random.nextInt(Math.min(pending.size(), 40) + 1), START);
    }

    /** Records what the killed generation handled, and what of it the store held when it died. */
    private void killed(ApplicationProcess application, Map<String, ShardCheckpoint> acknowledged) {
        int generation = application.generation();
        List<Delivery> handled = DeliveryFile.read(application.deliveries(), generation);
        deliveries.addAll(handled);
        acknowledgedAtKill.put(generation, acknowledged);
        Set<String> inFlight = new HashSet<>();
        Map<String, Integer> inFlightByShard = new HashMap<>();
        for (Delivery delivery : handled) {
            if (!isAcknowledged(acknowledged, delivery)) {
                inFlight.add(delivery.position());
                inFlightByShard.merge(delivery.shardId(), 1, Integer::sum);
            }
        }
        inFlightAtKill.put(generation, inFlight);
        inFlightByShard.forEach((shard, count) -> {
            if (count > maxRecords) {
                violations.add("generation " + generation + " died with " + count + " changes of shard " + shard
                        + " handled and not acknowledged, more than a batch (" + maxRecords + ")");
            }
        });
    }

    private static boolean isAcknowledged(Map<String, ShardCheckpoint> acknowledged, Delivery delivery) {
        ShardCheckpoint checkpoint = acknowledged.get(delivery.shardId());
        if (checkpoint == null) {
            return false;
        }
        return checkpoint.finished() || (checkpoint.sequenceNumber() != null
                && new BigInteger(checkpoint.sequenceNumber()).compareTo(new BigInteger(delivery.sequenceNumber()))
                        >= 0);
    }

    private Set<String> delivered(ApplicationProcess current) {
        Set<String> delivered = new HashSet<>();
        deliveries.forEach(delivery -> delivered.add(delivery.id() + "#" + delivery.order()));
        DeliveryFile.read(current.deliveries()).forEach(delivery -> delivered.add(delivery.id() + "#" + delivery.order()));
        return delivered;
    }

    /** {@code count} writes over the keys, a few of them poison items, with rotations and splits among them. */
    private void writeSome(DynamoDbClient dynamoDb, DynamoDbEmulator emulator, DynamoDbStreamsClient streams,
            String streamArn, int count) {
        for (int i = 0; i < count; i++) {
            int dice = random.nextInt(100);
            if (dice < 3) {
                emulator.rotateShards(TABLE);
                rotations++;
            } else if (dice < 6) {
                List<String> open = openShards(streams, streamArn);
                if (!open.isEmpty()) {
                    emulator.splitShard(TABLE, open.get(random.nextInt(open.size())));
                    splits++;
                }
            }
            boolean poison = random.nextInt(20) == 0;
            write(dynamoDb, (poison ? DurableListener.POISON_PREFIX : "k") + random.nextInt(keys), poison);
        }
    }

    private void write(DynamoDbClient dynamoDb, String id, boolean poison) {
        int version = versions.getOrDefault(id, 0);
        writes++;
        if (poison) {
            poisonChanges++;
        }
        if (present.contains(id) && random.nextInt(4) == 0) {
            dynamoDb.deleteItem(r -> r.tableName(TABLE).key(Map.of("id", AttributeValue.fromS(id))));
            present.remove(id);
            expected.add(id + "#" + (2L * version + 1));
        } else {
            dynamoDb.putItem(r -> r.tableName(TABLE).item(Map.of("id", AttributeValue.fromS(id),
                    "v", AttributeValue.fromN(Integer.toString(version + 1)))));
            versions.put(id, version + 1);
            present.add(id);
            expected.add(id + "#" + 2L * (version + 1));
        }
    }

    private static String createTable(DynamoDbClient dynamoDb) {
        String streamArn = dynamoDb.createTable(r -> r.tableName(TABLE)
                .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                .billingMode("PAY_PER_REQUEST")
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)))
                .tableDescription().latestStreamArn();
        DynamoDbEmulatorExtension.awaitActive(dynamoDb, TABLE);
        return streamArn;
    }

    private static List<String> openShards(DynamoDbStreamsClient streams, String streamArn) {
        List<String> open = new ArrayList<>();
        String start = null;
        do {
            String exclusiveStart = start;
            var description = streams.describeStream(r -> r.streamArn(streamArn).exclusiveStartShardId(exclusiveStart))
                    .streamDescription();
            for (Shard shard : description.shards()) {
                if (shard.sequenceNumberRange().endingSequenceNumber() == null) {
                    open.add(shard.shardId());
                }
            }
            start = description.lastEvaluatedShardId();
        } while (start != null);
        return open;
    }

    private Report report(int shards, int killCount) {
        Set<String> delivered = deliveries.stream().map(d -> d.id() + "#" + d.order()).collect(Collectors.toSet());
        Set<String> lost = new HashSet<>(expected);
        lost.removeAll(delivered);
        if (!lost.isEmpty()) {
            violations.add("changes never delivered: " + lost);
        }
        Set<String> phantoms = new HashSet<>(delivered);
        phantoms.removeAll(expected);
        if (!phantoms.isEmpty()) {
            violations.add("changes delivered that were never written: " + phantoms);
        }
        int duplicates = checkDuplicates();
        checkOrder();
        int largestInFlight = inFlightAtKill.values().stream().mapToInt(Set::size).max().orElse(0);
        return new Report(seed, store, shards, maxRecords, writes, rotations, splits, poisonChanges, killCount,
                killsBeforeReady, expected.size(), deliveries.size(), lost.size(), duplicates, largestInFlight,
                List.copyOf(violations));
    }

    /**
     * A change comes again only in a later generation, only if it was in flight when the generation that handled it
     * before was killed; nothing a killed generation had acknowledged comes again.
     */
    private int checkDuplicates() {
        Map<String, Integer> lastGeneration = new HashMap<>();
        int duplicates = 0;
        for (Delivery delivery : deliveries) {
            acknowledgedAtKill.forEach((generation, acknowledged) -> {
                if (generation < delivery.generation() && isAcknowledged(acknowledged, delivery)) {
                    violations.add("delivered again although generation " + generation + " had acknowledged it "
                            + "before it was killed: " + delivery);
                }
            });
            Integer before = lastGeneration.put(delivery.position(), delivery.generation());
            if (before == null) {
                continue;
            }
            duplicates++;
            if (before == delivery.generation()) {
                violations.add("delivered twice by one process, without a kill in between: " + delivery);
            } else if (!inFlightAtKill.getOrDefault(before, Set.of()).contains(delivery.position())) {
                violations.add("delivered again, but not in flight when generation " + before + " was killed: "
                        + delivery);
            }
        }
        return duplicates;
    }

    /** Per item, changes come in write order within a generation, and first deliveries across generations. */
    private void checkOrder() {
        Map<String, Long> lastInGeneration = new HashMap<>();
        Map<String, Long> lastFirstDelivery = new HashMap<>();
        Set<String> seen = new HashSet<>();
        for (Delivery delivery : deliveries) {
            Long previous = lastInGeneration.put(delivery.generation() + "/" + delivery.id(), delivery.order());
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

    static Path directory(Path parent, long seed, Store store) {
        try {
            return Files.createDirectories(parent.resolve(store.name().toLowerCase() + "-" + seed));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
