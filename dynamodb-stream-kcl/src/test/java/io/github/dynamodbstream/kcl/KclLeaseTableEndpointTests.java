package io.github.dynamodbstream.kcl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.dynamodbstream.emulator.DynamoDbEmulatorExtension;
import io.github.dynamodbstream.emulator.Fault;
import io.github.dynamodbstream.spring.container.ShardLease;
import io.github.dynamodbstream.spring.container.StreamStatus;
import io.github.dynamodbstream.spring.endpoint.DynamoDbStreamsEndpoint;
import io.github.dynamodbstream.spring.endpoint.DynamoDbStreamsEndpoint.StreamDescriptor;
import io.github.dynamodbstream.spring.event.ItemChangeEvent;
import io.github.dynamodbstream.test.EmulatorTables;
import java.math.BigInteger;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.EventListener;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * The single-stream read of the starter's {@code dynamodbstreams} endpoint under kcl coordination shows the stream's
 * lease table, read from DynamoDB: one application instance on a stream of two shards.
 */
class KclLeaseTableEndpointTests {

    private static final String TABLE = "orders";
    private static final String WORKER = "instance-1";
    private static final int ITEMS = 20;

    @RegisterExtension
    static final DynamoDbEmulatorExtension EMULATOR =
            DynamoDbEmulatorExtension.of(KclFleet.emulator(2));

    /** The highest sequence number delivered, per shard; the item keys delivered. */
    private static final Map<String, BigInteger> LAST_DELIVERED = new ConcurrentHashMap<>();
    private static final Set<String> KEYS_DELIVERED = ConcurrentHashMap.newKeySet();

    private static ConfigurableApplicationContext context;

    @BeforeAll
    static void startOneInstanceOnAWrittenTable() {
        EmulatorTables.createWithStream(EMULATOR.dynamoDbClient(), TABLE, StreamViewType.NEW_IMAGE);
        writeItems(0, ITEMS);
        context = new SpringApplicationBuilder(InstanceApplication.class)
                .web(WebApplicationType.NONE)
                .properties(KclFleet.instanceProperties(EMULATOR.emulator().endpoint(), EMULATOR.emulator().region(),
                        WORKER, Duration.ofSeconds(3)))
                .properties(
                        "dynamodb.stream.table-name=" + TABLE,
                        "dynamodb.stream.consumer-name=orders-app",
                        "management.endpoints.web.exposure.include=dynamodbstreams")
                .run();
    }

    @AfterAll
    static void stopInstance() {
        if (context != null) {
            context.close();
        }
    }

    @Test
    void singleStreamReadShowsEveryShardsOwnerCheckpointAndParentsFromTheLeaseTable() {
        DynamoDbStreamsEndpoint endpoint = context.getBean(DynamoDbStreamsEndpoint.class);
        String stream = streamName();
        Set<String> firstShards = shardIds();
        awaitDelivered(0, ITEMS);
        assertThat(LAST_DELIVERED.keySet()).as("shards that delivered records").isEqualTo(firstShards);
        awaitCheckpointsAtLastDelivered(endpoint, stream);

        StreamDescriptor detail = endpoint.stream(stream);
        assertThat(detail.name()).isEqualTo(stream);
        assertThat(detail.coordination().get("workerId")).isEqualTo(WORKER);
        assertThat(detail.leases()).extracting(ShardLease::shardId)
                .as("one lease per shard, sorted").containsExactlyElementsOf(firstShards.stream().sorted().toList());
        assertThat(detail.leases()).allSatisfy(lease -> {
            assertThat(lease.owner()).isEqualTo(WORKER);
            assertThat(lease.ownedHere()).isTrue();
            assertThat(lease.checkpoint()).matches("\\d+");
            assertThat(lease.parentShardIds()).isEmpty();
            assertThat(lease.leaseCounter()).isPositive();
        });

        EMULATOR.emulator().rotateShards(TABLE);
        Set<String> children = shardIds();
        children.removeAll(firstShards);
        LAST_DELIVERED.clear();
        writeItems(ITEMS, 2 * ITEMS);
        awaitDelivered(ITEMS, 2 * ITEMS);
        awaitCheckpointsAtLastDelivered(endpoint, stream);

        Map<String, ShardLease> leases = endpoint.stream(stream).leases().stream()
                .collect(Collectors.toMap(ShardLease::shardId, lease -> lease));
        assertThat(leases.keySet()).containsAll(firstShards).containsAll(children);
        assertThat(firstShards).allSatisfy(parent -> assertThat(leases.get(parent).checkpoint())
                .as("a closed shard read to its end").isEqualTo("SHARD_END"));
        assertThat(children).allSatisfy(child -> {
            assertThat(leases.get(child).parentShardIds()).isNotEmpty().isSubsetOf(firstShards);
            assertThat(leases.get(child).ownedHere()).isTrue();
        });
    }

    @Test
    void unknownStreamNameAnswersNull() {
        assertThat(context.getBean(DynamoDbStreamsEndpoint.class).stream("no-such-stream")).isNull();
    }

    @Test
    void leaseTableThatCannotBeReadLeavesTheStatusWithTheFailuresMessage() {
        DynamoDbStreamsEndpoint endpoint = context.getBean(DynamoDbStreamsEndpoint.class);
        String stream = streamName();
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(endpoint.stream(stream).leases()).isNotEmpty());
        StreamDescriptor detail;
        EMULATOR.emulator().injectFault("Scan", Fault.internalError(), 1_000);
        try {
            detail = endpoint.stream(stream);
        } finally {
            EMULATOR.emulator().clearFaults();
        }
        assertThat(detail.name()).isEqualTo(stream);
        assertThat(detail.coordination().get("workerId")).isEqualTo(WORKER);
        assertThat(detail.leases()).isNull();
        assertThat(detail.leaseTableError()).contains("orders-app", "'" + stream + "'");

        assertThat(endpoint.stream(stream).leaseTableError()).as("read again once DynamoDB answers").isNull();
    }

    /** Waits until the listener was given the items of keys {@code from} (included) to {@code to} (excluded). */
    private static void awaitDelivered(int from, int to) {
        Set<String> keys = IntStream.range(from, to).mapToObj(i -> "order-" + i).collect(Collectors.toSet());
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(KEYS_DELIVERED).containsAll(keys));
    }

    /** Waits until each shard that delivered records has its last delivered sequence number as its checkpoint. */
    private static void awaitCheckpointsAtLastDelivered(DynamoDbStreamsEndpoint endpoint, String stream) {
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            StreamDescriptor detail = endpoint.stream(stream);
            assertThat(detail.leaseTableError()).isNull();
            Map<String, String> checkpoints = detail.leases().stream()
                    .filter(lease -> LAST_DELIVERED.containsKey(lease.shardId()))
                    .collect(Collectors.toMap(ShardLease::shardId, ShardLease::checkpoint));
            assertThat(checkpoints).isEqualTo(LAST_DELIVERED.entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().toString())));
        });
    }

    private static void writeItems(int from, int to) {
        for (int i = from; i < to; i++) {
            String key = "order-" + i;
            EMULATOR.dynamoDbClient().putItem(request -> request.tableName(TABLE)
                    .item(Map.of("id", AttributeValue.fromS(key))));
        }
    }

    private static String streamName() {
        List<StreamStatus> streams = context.getBean(KclStreamContainer.class).streamStatuses();
        assertThat(streams).hasSize(1);
        return streams.get(0).name();
    }

    private static Set<String> shardIds() {
        String streamArn = EMULATOR.dynamoDbClient().describeTable(request -> request.tableName(TABLE)).table()
                .latestStreamArn();
        return EMULATOR.streamsClient().describeStream(request -> request.streamArn(streamArn)).streamDescription()
                .shards().stream().map(Shard::shardId).collect(Collectors.toCollection(HashSet::new));
    }

    /** One application instance: notes what it is given. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class InstanceApplication {

        @EventListener
        void on(ItemChangeEvent<Map<String, Object>> event) {
            KEYS_DELIVERED.add(event.keys().get("id").s());
            LAST_DELIVERED.merge(event.shardId(), new BigInteger(event.sequenceNumber()), BigInteger::max);
        }
    }
}
