package io.github.dynamodbstream.reliability;

import static org.awaitility.Awaitility.await;

import io.github.dynamodbstream.core.checkpoint.ShardCheckpoint;
import io.github.dynamodbstream.core.checkpoint.ShardStateRepository;
import io.github.dynamodbstream.core.dynamodb.DynamoDbShardStateRepository;
import io.github.dynamodbstream.emulator.DynamoDbEmulator;
import io.github.dynamodbstream.reliability.DeliveryFile.Delivery;
import io.github.dynamodbstream.spring.checkpoint.jdbc.JdbcShardStateRepository;
import io.github.dynamodbstream.test.EmulatorTables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One run of the process-death campaign: a fresh emulator in this JVM, the {@link KilledApplication} in other JVMs
 * reading it: one process with checkpoints in DynamoDB (a table of the emulator) or PostgreSQL, or three processes in
 * KCL mode (checkpoints in the lease table). Seeded writes with shard rotations, splits and poison records, and a
 * SIGKILL at seeded moments (in KCL mode, of the process holding the most leases), each followed by the start of a
 * new process; then a drain, a graceful stop, and the checks.
 */
final class ProcessDeathRun {

    /** The checkpoint stores the campaign runs on; {@code KCL}: three processes, the lease table. */
    enum Store {
        DYNAMODB, POSTGRESQL, KCL
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
    /** How long a process may take to start, and to read; KCL mode takes up to minutes to assign the first leases. */
    private static final Duration START = Duration.ofSeconds(180);
    private static final String LEASE_TABLE = CONSUMER + "-" + TABLE;
    private static final String DATA_SOURCE_AUTO_CONFIGURATION =
            "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration";
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
    /** What the processes that exited delivered. */
    private final List<Delivery> deliveries = new ArrayList<>();
    private final List<ApplicationProcess> running = new ArrayList<>();
    /** The processes killed, in order. */
    private final List<Kill> killed = new ArrayList<>();
    private final List<String> violations = new ArrayList<>();
    private int maxRecords;
    private int keys;
    private int writes;
    private int rotations;
    private int splits;
    private int poisonChanges;
    private int killsBeforeReady;
    private int processes;

    /**
     * A SIGKILL: the process, when it was dead (microseconds since the epoch), what the store held then (shard to
     * checkpoint), and the positions it had handled and not acknowledged (its batch in flight).
     */
    private record Kill(int process, long micros, Map<String, ShardCheckpoint> acknowledged, Set<String> inFlight) {
    }

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
        try (DynamoDbEmulator emulator = DynamoDbEmulator.builder().shardsPerStream(shards).seed(seed)
                        .statusDelay(Duration.ZERO).start();
                DynamoDbClient dynamoDb = DynamoDbClient.builder().endpointOverride(emulator.endpoint())
                        .region(Region.of(emulator.region())).credentialsProvider(CREDENTIALS).build()) {
            String streamArn = EmulatorTables.createWithStream(dynamoDb, TABLE);
            Supplier<Map<String, ShardCheckpoint>> checkpoints = checkpoints(dynamoDb, checkpointTable, streamArn);
            List<String> properties = properties(emulator, checkpointTable);
            try {
                for (int process = 0; process < (store == Store.KCL ? 3 : 1); process++) {
                    start(properties);
                }
                for (int kill = 0; kill < killCount; kill++) {
                    writeSome(dynamoDb, emulator, 5 + random.nextInt(40));
                    awaitSeededMoment(dynamoDb);
                    ApplicationProcess victim = victim(dynamoDb);
                    victim.kill();
                    killed(victim, checkpoints.get());
                    start(properties);
                }
                writeSome(dynamoDb, emulator, 5 + random.nextInt(40));
                await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(50))
                        .failFast("a process exited; its log is in " + directory, this::aProcessExited)
                        .until(() -> delivered().containsAll(expected));
            } finally {
                running.forEach(ApplicationProcess::stop);
            }
            running.forEach(process -> deliveries.addAll(process.deliveries()));
            return report(shards, killCount);
        }
    }

    private void start(List<String> properties) {
        int number = processes++;
        List<String> own = new ArrayList<>(properties);
        if (store == Store.KCL) {
            own.add("dynamodb.stream.kcl.worker-id=process-" + number);
        }
        running.add(ApplicationProcess.start(directory, number, own));
    }

    /** Reads the checkpoints as they are in the store: the repository's, or the lease table's in KCL mode. */
    private Supplier<Map<String, ShardCheckpoint>> checkpoints(DynamoDbClient dynamoDb, String checkpointTable,
            String streamArn) {
        ShardStateRepository repository = switch (store) {
            case DYNAMODB -> DynamoDbShardStateRepository.builder().dynamoDbClient(dynamoDb).tableName(checkpointTable)
                    .createTableIfMissing(true).build();
            case POSTGRESQL -> JdbcShardStateRepository.builder(postgres).tableName(checkpointTable).createTable(true)
                    .build();
            case KCL -> null;
        };
        if (repository != null) {
            return () -> repository.load(CONSUMER, streamArn);
        }
        return () -> leases(dynamoDb).stream().filter(lease -> lease.containsKey("checkpoint"))
                .map(lease -> {
                    String checkpoint = lease.get("checkpoint").s();
                    boolean number = checkpoint.chars().allMatch(Character::isDigit);
                    return new ShardCheckpoint(lease.get("leaseKey").s(), number ? checkpoint : null,
                            "SHARD_END".equals(checkpoint), Instant.now());
                })
                .collect(Collectors.toMap(ShardCheckpoint::shardId, checkpoint -> checkpoint));
    }

    private static List<Map<String, AttributeValue>> leases(DynamoDbClient dynamoDb) {
        if (!dynamoDb.listTables().tableNames().contains(LEASE_TABLE)) {
            return List.of();
        }
        return dynamoDb.scan(r -> r.tableName(LEASE_TABLE).consistentRead(true)).items();
    }

    /** The process to kill: the only one, or in KCL mode the one holding the most leases. */
    private ApplicationProcess victim(DynamoDbClient dynamoDb) {
        if (store != Store.KCL) {
            return running.get(0);
        }
        Map<String, Long> held = leases(dynamoDb).stream().filter(lease -> lease.containsKey("leaseOwner"))
                .collect(Collectors.groupingBy(lease -> lease.get("leaseOwner").s(), Collectors.counting()));
        return running.stream()
                .max(Comparator.comparingLong(process -> held.getOrDefault("process-" + process.number(), 0L)))
                .orElseThrow();
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
        if (store == Store.KCL) {
            properties.addAll(List.of("dynamodb.stream.coordination=kcl",
                    "dynamodb.stream.kcl.failover-time=3s",
                    "dynamodb.stream.kcl.shard-sync-interval=2s"));
        }
        if (store != Store.POSTGRESQL) {
            properties.addAll(List.of("dynamodb.stream.checkpoint.store=dynamodb",
                    "spring.autoconfigure.exclude=" + DATA_SOURCE_AUTO_CONFIGURATION));
        }
        if (store == Store.POSTGRESQL) {
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
     * Waits for the moment of the next kill, drawn from the seed: one time in eight at once (a process may still be
     * starting), otherwise once the processes are ready, hold leases in KCL mode, and delivered 0 to 40 more changes
     * (no more than they have left to deliver).
     */
    private void awaitSeededMoment(DynamoDbClient dynamoDb) {
        if (random.nextInt(8) == 0) {
            killsBeforeReady++;
            return;
        }
        running.forEach(process -> process.awaitReady(START));
        if (store == Store.KCL) {
            await().atMost(START).pollInterval(Duration.ofMillis(50))
                    .until(() -> leases(dynamoDb).stream().anyMatch(lease -> lease.containsKey("leaseOwner")));
        }
        Set<String> pending = new HashSet<>(expected);
        pending.removeAll(delivered());
        int target = runningDeliveries() + random.nextInt(Math.min(pending.size(), 40) + 1);
        await().atMost(START).pollInterval(Duration.ofMillis(5))
                .failFast("a process exited; its log is in " + directory, this::aProcessExited)
                .until(() -> runningDeliveries() >= target);
    }

    private boolean aProcessExited() {
        return running.stream().anyMatch(process -> !process.isAlive());
    }

    private int runningDeliveries() {
        return running.stream().mapToInt(process -> process.deliveries().size()).sum();
    }

    /** Records what the killed process handled, and what of it the store held when it died. */
    private void killed(ApplicationProcess process, Map<String, ShardCheckpoint> acknowledged) {
        Instant now = Instant.now();
        long micros = now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
        running.remove(process);
        List<Delivery> handled = process.deliveries();
        deliveries.addAll(handled);
        Set<String> inFlight = new HashSet<>();
        Map<String, Integer> inFlightByShard = new HashMap<>();
        for (Delivery delivery : handled) {
            if (!isAcknowledged(acknowledged, delivery)) {
                inFlight.add(delivery.position());
                inFlightByShard.merge(delivery.shardId(), 1, Integer::sum);
            }
        }
        killed.add(new Kill(process.number(), micros, acknowledged, inFlight));
        inFlightByShard.forEach((shard, count) -> {
            if (count > maxRecords) {
                violations.add("process " + process.number() + " died with " + count + " changes of shard " + shard
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

    /** The changes delivered so far, by the processes that exited and those running. */
    private Set<String> delivered() {
        Set<String> delivered = new HashSet<>();
        deliveries.forEach(delivery -> delivered.add(delivery.id() + "#" + delivery.order()));
        running.forEach(process -> process.deliveries()
                .forEach(delivery -> delivered.add(delivery.id() + "#" + delivery.order())));
        return delivered;
    }

    /** {@code count} writes over the keys, a few of them poison items, with rotations and splits among them. */
    private void writeSome(DynamoDbClient dynamoDb, DynamoDbEmulator emulator, int count) {
        for (int i = 0; i < count; i++) {
            int dice = random.nextInt(100);
            if (dice < 3) {
                emulator.rotateShards(TABLE);
                rotations++;
            } else if (dice < 6) {
                List<String> open = emulator.openShards(TABLE);
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
        List<Delivery> inTimeOrder = new ArrayList<>(deliveries);
        inTimeOrder.sort(Comparator.comparingLong(Delivery::micros));
        int duplicates = checkDuplicates(inTimeOrder);
        checkOrder(inTimeOrder);
        int largestInFlight = killed.stream().mapToInt(kill -> kill.inFlight().size()).max().orElse(0);
        return new Report(seed, store, shards, maxRecords, writes, rotations, splits, poisonChanges, killCount,
                killsBeforeReady, expected.size(), deliveries.size(), lost.size(), duplicates, largestInFlight,
                List.copyOf(violations));
    }

    /**
     * A change comes again only from another process, only if it was in flight when the process that handled it
     * before was killed, and only after that kill; nothing a killed process had acknowledged comes again.
     */
    private int checkDuplicates(List<Delivery> inTimeOrder) {
        Map<Integer, Kill> kills = killed.stream().collect(Collectors.toMap(Kill::process, kill -> kill));
        Map<String, Delivery> last = new HashMap<>();
        int duplicates = 0;
        for (Delivery delivery : inTimeOrder) {
            for (Kill kill : killed) {
                if (kill.micros() < delivery.micros() && isAcknowledged(kill.acknowledged(), delivery)) {
                    violations.add("delivered again although it was acknowledged when process " + kill.process()
                            + " was killed: " + delivery);
                }
            }
            Delivery before = last.put(delivery.position(), delivery);
            if (before == null) {
                continue;
            }
            duplicates++;
            Kill kill = kills.get(before.process());
            if (before.process() == delivery.process()) {
                violations.add("delivered twice by one process, without a kill in between: " + delivery);
            } else if (kill == null || kill.micros() > delivery.micros()
                    || !kill.inFlight().contains(delivery.position())) {
                violations.add("delivered again, but not in flight when process " + before.process()
                        + " was killed before: " + delivery);
            }
        }
        return duplicates;
    }

    /** Per item, changes come in write order within a process, and first deliveries across processes. */
    private void checkOrder(List<Delivery> inTimeOrder) {
        Map<String, Long> lastInProcess = new HashMap<>();
        Map<String, Long> lastFirstDelivery = new HashMap<>();
        Set<String> seen = new HashSet<>();
        for (Delivery delivery : inTimeOrder) {
            Long previous = lastInProcess.put(delivery.process() + "/" + delivery.id(), delivery.order());
            if (previous != null && previous >= delivery.order()) {
                violations.add("item " + delivery.id() + ": change " + delivery.order() + " came after change "
                        + previous + " in process " + delivery.process());
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
