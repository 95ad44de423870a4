package io.github.dynamodbstream.kcl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.dynamodbstream.emulator.DynamoDbEmulator;
import io.github.dynamodbstream.emulator.DynamoDbEmulatorExtension;
import io.github.dynamodbstream.spring.event.ItemChangeEvent;
import io.github.dynamodbstream.spring.poller.DynamoDbStreamListenerContainer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * Three application contexts in one JVM share one stream through the Kinesis Client Library: every change is
 * delivered, each shard by one instance at a time, in order per key; when one instance stops, its shards move
 * to the others and nothing is lost.
 */
class CompetingConsumersTests {

    private static final String TABLE = "orders";
    private static final int KEYS = 24;
    private static final Duration FAILOVER = Duration.ofSeconds(3);
    private static final Duration HAND_OVER_BOUND = Duration.ofSeconds(90);
    private static final DeliveryLog LOG = new DeliveryLog();
    private static final Map<String, Set<String>> LEASES = new ConcurrentHashMap<>();
    private static final Set<String> DYNAMODB_AND_STREAMS_OPERATIONS = Set.of("CreateTable", "DescribeTable",
            "UpdateTable", "ListTables", "DeleteTable", "PutItem", "GetItem", "UpdateItem", "DeleteItem", "Query",
            "Scan", "BatchWriteItem", "BatchGetItem", "DescribeTimeToLive", "UpdateTimeToLive", "ListStreams",
            "DescribeStream", "GetShardIterator", "GetRecords");

    @RegisterExtension
    static final DynamoDbEmulatorExtension EMULATOR =
            DynamoDbEmulatorExtension.of(DynamoDbEmulator.builder().shardsPerStream(4));

    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();
    private final Map<String, Long> versions = new java.util.HashMap<>();

    @AfterEach
    void closeContexts() {
        contexts.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void everyChangeIsDeliveredOnceShardsAreSharedAndAStoppedInstanceHandsItsShardsOver() {
        DynamoDbClient dynamoDb = EMULATOR.dynamoDbClient();
        createTable(dynamoDb);
        writeRound(dynamoDb);

        List<CompletableFuture<ConfigurableApplicationContext>> starting = List.of("a", "b", "c").stream()
                .map(instance -> CompletableFuture.supplyAsync(() -> start(instance)))
                .toList();
        starting.forEach(future -> contexts.add(future.join()));
        assertThat(contexts).allSatisfy(context -> {
            assertThat(context.getBeansOfType(KclStreamContainer.class)).hasSize(1);
            assertThat(context.getBeansOfType(DynamoDbStreamListenerContainer.class)).isEmpty();
        });

        awaitEverythingDelivered(Duration.ofMinutes(3));
        EMULATOR.emulator().rotateShards(TABLE);
        writeRound(dynamoDb);
        awaitEverythingDelivered(Duration.ofMinutes(1));
        Set<String> sharing = LOG.all().stream().map(DeliveryLog.Delivery::instance).collect(Collectors.toSet());

        String victim = busiestInstance();
        Set<String> heldAtStop = Set.copyOf(LEASES.get(victim));
        ConfigurableApplicationContext stopped = contexts.remove(List.of("a", "b", "c").indexOf(victim));
        stopped.close();
        long stoppedAt = System.nanoTime();
        writeRound(dynamoDb);
        EMULATOR.emulator().rotateShards(TABLE);
        writeRound(dynamoDb);
        // The stopped instance may have been the elected leader that assigns leases: a new one takes its lock
        // only after the lock's lease (about 20 s) ran out, then assigns on its next round.
        awaitEverythingDelivered(HAND_OVER_BOUND);
        Duration handOver = Duration.ofNanos(LOG.all().stream()
                .filter(delivery -> delivery.nanos() > stoppedAt)
                .mapToLong(delivery -> delivery.nanos() - stoppedAt).max().orElseThrow());

        List<DeliveryLog.Delivery> duplicates = LOG.duplicates();
        Set<String> handedOverShards = LOG.instancesByShard().entrySet().stream()
                .filter(entry -> entry.getValue().size() > 1).map(Map.Entry::getKey).collect(Collectors.toSet());
        Set<String> takenOver = LOG.all().stream()
                .filter(delivery -> delivery.nanos() > stoppedAt && heldAtStop.contains(delivery.shardId()))
                .map(DeliveryLog.Delivery::shardId).collect(Collectors.toSet());
        System.out.printf("deliveries=%d distinct=%d duplicates=%d sharing=%s stopped=%s heldAtStop=%s takenOver=%s "
                        + "handedOver=%s allDeliveredAfterStop=%s%n", LOG.all().size(), LOG.distinctDelivered().size(),
                duplicates.size(), sharing, victim, heldAtStop, takenOver, handedOverShards, handOver);

        assertThat(LOG.distinctDelivered()).isEqualTo(written());
        assertThat(LOG.overlaps()).isZero();
        assertThat(LOG.keysOutOfOrder()).isEmpty();
        assertThat(sharing).as("instances that processed shards").hasSizeGreaterThanOrEqualTo(2);
        assertThat(heldAtStop).isNotEmpty();
        assertThat(takenOver).as("shards of the stopped instance processed by the others").isEqualTo(heldAtStop);
        assertThat(LOG.all().stream().filter(delivery -> delivery.nanos() > stoppedAt))
                .noneMatch(delivery -> delivery.instance().equals(victim));
        assertThat(handOver).isLessThan(HAND_OVER_BOUND);
        System.out.println("emulator calls: " + EMULATOR.emulator().calls().snapshot());
        assertThat(EMULATOR.emulator().calls().operations())
                .as("only DynamoDB and DynamoDB Streams are called: no Kinesis, no CloudWatch")
                .isSubsetOf(DYNAMODB_AND_STREAMS_OPERATIONS);
        assertThat(duplicates).allSatisfy(duplicate -> assertThat(handedOverShards).contains(duplicate.shardId()));
    }

    private ConfigurableApplicationContext start(String instance) {
        return new SpringApplicationBuilder(InstanceApplication.class)
                .web(WebApplicationType.NONE)
                .properties(
                        "test.instance=" + instance,
                        "dynamodb.stream.endpoint=" + EMULATOR.emulator().endpoint(),
                        "dynamodb.stream.region=" + EMULATOR.emulator().region(),
                        "dynamodb.stream.credentials.access-key-id=emulator",
                        "dynamodb.stream.credentials.secret-access-key=emulator",
                        "dynamodb.stream.table-name=" + TABLE,
                        "dynamodb.stream.coordination=kcl",
                        "dynamodb.stream.consumer-name=orders-app",
                        "dynamodb.stream.starting-position=TRIM_HORIZON",
                        "dynamodb.stream.poll-interval=100ms",
                        "dynamodb.stream.shutdown-timeout=5s",
                        "dynamodb.stream.kcl.failover-time=" + FAILOVER.toMillis() + "ms",
                        "dynamodb.stream.kcl.shard-sync-interval=2s")
                .run();
    }

    private void awaitEverythingDelivered(Duration atMost) {
        Set<String> expected = written();
        await().atMost(atMost).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(LOG.distinctDelivered()).containsAll(expected));
    }

    /** The instance holding the most leases now. */
    private static String busiestInstance() {
        return LEASES.entrySet().stream().max(Comparator.comparingInt(entry -> entry.getValue().size()))
                .map(Map.Entry::getKey).orElseThrow();
    }

    private Set<String> written() {
        Set<String> written = new HashSet<>();
        versions.forEach((key, last) -> {
            for (long version = 1; version <= last; version++) {
                written.add(key + "#" + version);
            }
        });
        return written;
    }

    private void writeRound(DynamoDbClient dynamoDb) {
        for (int round = 0; round < 3; round++) {
            for (int k = 0; k < KEYS; k++) {
                String key = "order-" + k;
                long version = versions.merge(key, 1L, Long::sum);
                dynamoDb.putItem(request -> request.tableName(TABLE).item(Map.of(
                        "id", AttributeValue.fromS(key), "version", AttributeValue.fromN(Long.toString(version)))));
            }
        }
    }

    private static void createTable(DynamoDbClient dynamoDb) {
        dynamoDb.createTable(request -> request.tableName(TABLE).billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(key -> key.attributeName("id").keyType(KeyType.HASH))
                .attributeDefinitions(attribute -> attribute.attributeName("id")
                        .attributeType(ScalarAttributeType.S))
                .streamSpecification(spec -> spec.streamEnabled(true)
                        .streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
    }

    /** One application instance: records every change it is given. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class InstanceApplication {

        @Value("${test.instance}")
        private String instance;

        @Bean
        KclStreamObserver leaseTracker() {
            Set<String> held = LEASES.computeIfAbsent(instance, name -> ConcurrentHashMap.newKeySet());
            return new KclStreamObserver() {
                @Override
                public void leaseTaken(String stream, String shardId) {
                    held.add(shardId);
                }

                @Override
                public void leaseReleased(String stream, String shardId) {
                    held.remove(shardId);
                }
            };
        }

        @EventListener
        void on(ItemChangeEvent<Map<String, Object>> event) {
            Map<String, AttributeValue> image = event.record().newImage();
            LOG.record(instance, event.shardId(), event.keys().get("id").s(),
                    Long.parseLong(image.get("version").n()));
        }
    }
}
