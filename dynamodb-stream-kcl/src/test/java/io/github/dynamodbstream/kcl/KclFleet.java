package io.github.dynamodbstream.kcl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.dynamodbstream.emulator.DynamoDbEmulator;
import io.github.dynamodbstream.spring.container.StreamStatus;
import io.github.dynamodbstream.spring.event.ItemChangeEvent;
import io.github.dynamodbstream.spring.event.NewShardsEvent;
import io.github.dynamodbstream.test.EmulatorTables;
import java.net.URI;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.EventListener;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * Application instances in one JVM sharing one table's stream through the Kinesis Client Library, each reaching the
 * emulator through its own {@link CuttableProxy}; records what each delivered and when each took a lease (its
 * {@link NewShardsEvent}).
 * An instance's worker id is its name. Registered as a JUnit extension, it closes every instance after each test.
 */
final class KclFleet implements AutoCloseable, AfterEachCallback {

    /** Every instance's {@code dynamodb.stream.shutdown-timeout}: a stop that takes it was forced, not graceful. */
    static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(5);

    static final String TABLE = "orders";
    static final String APPLICATION = "orders-app";
    private static final int KEYS = 24;

    record LeaseTaken(String instance, String shardId, long nanos) {
    }

    private final DynamoDbEmulator emulator;
    private final DynamoDbClient dynamoDb;
    private final Duration failover;
    private final DeliveryLog log = new DeliveryLog();
    private final Map<String, Long> versions = new HashMap<>();
    private final Map<String, ConfigurableApplicationContext> contexts = new ConcurrentHashMap<>();
    private final Map<String, CuttableProxy> proxies = new ConcurrentHashMap<>();
    private final List<LeaseTaken> taken = new CopyOnWriteArrayList<>();
    private final Set<String> crashed = ConcurrentHashMap.newKeySet();

    KclFleet(DynamoDbEmulator emulator, DynamoDbClient dynamoDb, Duration failover) {
        this.emulator = emulator;
        this.dynamoDb = dynamoDb;
        this.failover = failover;
    }

    DeliveryLog log() {
        return log;
    }

    void createTable() {
        EmulatorTables.createWithStream(dynamoDb, TABLE, StreamViewType.NEW_AND_OLD_IMAGES);
    }

    /** Creates the table, writes a first round of changes and starts the instances. */
    void createTableWriteAndStart(String... instances) {
        createTable();
        writeRound();
        start(instances);
    }

    /**
     * Starts the instances one after the other (a context is refreshed in a second or two, its KCL worker goes on in
     * the background; Spring Boot's logging set-up is not made for contexts refreshed at the same moment).
     */
    void start(String... instances) {
        for (String instance : instances) {
            contexts.put(instance, start(instance));
        }
    }

    private ConfigurableApplicationContext start(String instance) {
        CuttableProxy proxy = new CuttableProxy(emulator.endpoint());
        proxies.put(instance, proxy);
        return new SpringApplicationBuilder(InstanceApplication.class)
                .web(WebApplicationType.NONE)
                .initializers(context -> context.getBeanFactory().registerSingleton("fleetMember",
                        new Member(instance, this)))
                .properties(instanceProperties(proxy.endpoint(), emulator.region(), instance, failover))
                .properties("dynamodb.stream.consumer-name=" + APPLICATION, "dynamodb.stream.table-name=" + TABLE)
                .run();
    }

    /**
     * An emulator for a KCL test whose tables are ACTIVE at once. The Kinesis Client Library waits for the tables it
     * creates (lease, coordinator state, worker metrics) by asking every 10 to 20 seconds; {@link ListenerFailureTests}
     * runs on the default status delay to show that KCL mode waits through it, the other tests need not.
     */
    static DynamoDbEmulator.Builder emulator(int shardsPerStream) {
        return DynamoDbEmulator.builder().shardsPerStream(shardsPerStream).statusDelay(Duration.ZERO);
    }

    /**
     * What every test application in kcl mode sets: the emulator's address and credentials, {@code TRIM_HORIZON}, a
     * 100 ms poll interval, a 5 s shutdown timeout, the worker id and the failover time, and a 2 s shard sync.
     */
    static String[] instanceProperties(URI endpoint, String region, String workerId, Duration failover) {
        return new String[] {
            "dynamodb.stream.endpoint=" + endpoint,
            "dynamodb.stream.region=" + region,
            "dynamodb.stream.credentials.access-key-id=emulator",
            "dynamodb.stream.credentials.secret-access-key=emulator",
            "dynamodb.stream.coordination=kcl",
            "dynamodb.stream.starting-position=TRIM_HORIZON",
            "dynamodb.stream.poll-interval=100ms",
            "dynamodb.stream.shutdown-timeout=" + SHUTDOWN_TIMEOUT.toMillis() + "ms",
            "dynamodb.stream.kcl.worker-id=" + workerId,
            "dynamodb.stream.kcl.failover-time=" + failover.toMillis() + "ms",
            "dynamodb.stream.kcl.shard-sync-interval=2s"};
    }

    Set<String> running() {
        return Set.copyOf(contexts.keySet());
    }

    ConfigurableApplicationContext context(String instance) {
        return contexts.get(instance);
    }

    /** Closes the instance's context: a graceful stop. */
    void stop(String instance) {
        contexts.remove(instance).close();
    }

    /**
     * Cuts the instance off DynamoDB and DynamoDB Streams and ignores whatever its listeners are still handed, as if
     * its process had been killed: nothing is released, nothing is checkpointed.
     */
    void crash(String instance) {
        crashed.add(instance);
        proxies.get(instance).cut();
    }

    /** The shards whose lease the instance holds now, as its container's status says. */
    Set<String> heldBy(String instance) {
        return contexts.get(instance).getBean(KclStreamContainer.class).streamStatus(TABLE)
                .map(StreamStatus::activeShards).orElseThrow();
    }

    /** The running instance holding the most leases. */
    String busiest() {
        return contexts.keySet().stream().max(Comparator.comparingInt(instance -> heldBy(instance).size()))
                .orElseThrow();
    }

    /** The instance holding the leader lock of the lease assignment, if any. */
    Optional<String> leader() {
        Map<String, AttributeValue> item = dynamoDb.getItem(request -> request
                .tableName(APPLICATION + "-" + TABLE + "-CoordinatorState")
                .key(Map.of("key", AttributeValue.fromS("Leader"))).consistentRead(true)).item();
        return Optional.ofNullable(item.get("ownerName")).map(AttributeValue::s);
    }

    /**
     * For each shard, how long after {@code sinceNanos} an instance other than {@code from} took its lease; empty
     * for a shard nobody else took.
     */
    Map<String, Optional<Duration>> takenOverAfter(Set<String> shards, String from, long sinceNanos) {
        Map<String, Optional<Duration>> handOver = new LinkedHashMap<>();
        for (String shard : shards) {
            handOver.put(shard, taken.stream()
                    .filter(lease -> lease.shardId().equals(shard) && !lease.instance().equals(from)
                            && lease.nanos() > sinceNanos)
                    .map(lease -> Duration.ofNanos(lease.nanos() - sinceNanos)).min(Comparator.naturalOrder()));
        }
        return handOver;
    }

    void writeRound() {
        for (int round = 0; round < 3; round++) {
            for (int k = 0; k < KEYS; k++) {
                String key = "order-" + k;
                long version = versions.merge(key, 1L, Long::sum);
                dynamoDb.putItem(request -> request.tableName(TABLE).item(Map.of(
                        "id", AttributeValue.fromS(key), "version", AttributeValue.fromN(Long.toString(version)))));
            }
        }
    }

    Set<String> written() {
        Set<String> written = new HashSet<>();
        versions.forEach((key, last) -> {
            for (long version = 1; version <= last; version++) {
                written.add(key + "#" + version);
            }
        });
        return written;
    }

    void awaitEverythingDelivered(Duration atMost) {
        Set<String> expected = written();
        await().atMost(atMost).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(log.distinctDelivered()).containsAll(expected));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        contexts.values().forEach(ConfigurableApplicationContext::close);
        contexts.clear();
        proxies.values().forEach(CuttableProxy::close);
    }

    /** What one instance reports to the fleet. */
    record Member(String instance, KclFleet fleet) {

        void delivered(String shardId, String key, long version) {
            if (!fleet.crashed.contains(instance)) {
                fleet.log.record(instance, shardId, key, version);
            }
        }

        void leasesTaken(List<String> shardIds) {
            long now = System.nanoTime();
            shardIds.forEach(shardId -> fleet.taken.add(new LeaseTaken(instance, shardId, now)));
        }
    }

    /** One application instance: reports every change it is given. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class InstanceApplication {

        @Autowired
        private Member member;

        @EventListener
        void on(ItemChangeEvent<Map<String, Object>> event) {
            Map<String, AttributeValue> image = event.record().newImage();
            member.delivered(event.shardId(), event.keys().get("id").s(), Long.parseLong(image.get("version").n()));
        }

        @EventListener
        void on(NewShardsEvent event) {
            member.leasesTaken(event.shardIds());
        }
    }
}
