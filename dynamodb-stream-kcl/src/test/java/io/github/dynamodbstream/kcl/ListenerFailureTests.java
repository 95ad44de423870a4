package io.github.dynamodbstream.kcl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.dynamodbstream.emulator.DynamoDbEmulator;
import io.github.dynamodbstream.emulator.DynamoDbEmulatorExtension;
import io.github.dynamodbstream.spring.container.StreamState;
import io.github.dynamodbstream.spring.endpoint.DynamoDbStreamsEndpoint;
import io.github.dynamodbstream.spring.endpoint.DynamoDbStreamsEndpoint.StreamDescriptor;
import io.github.dynamodbstream.spring.event.ItemChangeEvent;
import io.github.dynamodbstream.test.EmulatorTables;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * A listener that keeps failing holds its shard's checkpoint in the lease table where it was (on-failure BLOCK);
 * the starter's Micrometer meters count the deliveries, the failures and the leases held, and the starter's health
 * indicator and endpoint name the lease held, the lease table and this instance's worker id.
 */
class ListenerFailureTests {

    private static final String TABLE = "payments";
    private static final String CONSUMER = "payments-app";
    private static final String LEASE_TABLE = CONSUMER + "-" + TABLE;
    private static final AtomicBoolean REJECTING = new AtomicBoolean(true);
    private static final List<String> ACCEPTED = new CopyOnWriteArrayList<>();
    private static final List<String> ATTEMPTS = new CopyOnWriteArrayList<>();

    @RegisterExtension
    /** On the default status delay: the KCL worker starts on tables that are CREATING for a moment, and waits. */
    static final DynamoDbEmulatorExtension EMULATOR =
            DynamoDbEmulatorExtension.of(DynamoDbEmulator.builder().shardsPerStream(1));

    private ConfigurableApplicationContext context;

    @AfterEach
    void close() {
        if (context != null) {
            context.close();
        }
    }

    @Test
    void checkpointStaysBeforeARecordTheListenersRejectUntilTheyAcceptIt() {
        DynamoDbClient dynamoDb = EMULATOR.dynamoDbClient();
        EmulatorTables.createWithStream(dynamoDb, TABLE, StreamViewType.NEW_IMAGE);
        put(dynamoDb, "before");
        context = new SpringApplicationBuilder(RejectingApplication.class)
                .web(WebApplicationType.NONE)
                .properties(KclFleet.instanceProperties(EMULATOR.emulator().endpoint(), EMULATOR.emulator().region(),
                        "instance-1", Duration.ofSeconds(3)))
                .properties(
                        "dynamodb.stream.table-name=" + TABLE,
                        "dynamodb.stream.consumer-name=" + CONSUMER,
                        "dynamodb.stream.on-failure=block",
                        "dynamodb.stream.retry.max-attempts=2",
                        "dynamodb.stream.retry.initial-backoff=50ms",
                        "dynamodb.stream.retry.max-backoff=200ms",
                        "management.endpoints.web.exposure.include=dynamodbstreams")
                .run();
        await().atMost(Duration.ofMinutes(2)).until(() -> ACCEPTED.contains("before"));
        await().atMost(Duration.ofSeconds(30)).until(() -> checkpoint() != null);
        BigInteger acknowledged = checkpoint();

        put(dynamoDb, "poison");
        await().atMost(Duration.ofSeconds(30)).until(() -> ATTEMPTS.stream().filter("poison"::equals).count() >= 4);

        assertThat(checkpoint()).as("checkpoint while the listener rejects").isEqualTo(acknowledged);
        assertThat(ACCEPTED).doesNotContain("poison");
        assertThat(context.getBean(KclStreamContainer.class).streamStatus(TABLE).orElseThrow().blockedShards())
                .as("the shard held at the rejected record").containsKey(openShard());

        REJECTING.set(false);
        await().atMost(Duration.ofSeconds(30)).until(() -> ACCEPTED.contains("poison"));
        await().atMost(Duration.ofSeconds(30)).until(() -> checkpoint().compareTo(acknowledged) > 0);

        MeterRegistry meters = context.getBean(MeterRegistry.class);
        assertThat(meters.get("dynamodb.stream.records.delivered").tag("stream", TABLE).tag("type", "insert")
                .counter().count()).isEqualTo(ACCEPTED.size());
        assertThat(meters.get("dynamodb.stream.listener.failures").tag("stream", TABLE).counter().count())
                .isEqualTo(ATTEMPTS.size() - ACCEPTED.size());
        assertThat(meters.get("dynamodb.stream.shards").tag("stream", TABLE).gauge().value()).isEqualTo(1);

        Health health = context.getBean("dynamodbStreamHealthIndicator", HealthIndicator.class).health();
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails().get("streams")).asInstanceOf(InstanceOfAssertFactories.MAP)
                .extractingByKey(TABLE).asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsEntry("state", "RUNNING")
                .containsEntry("coordination", Map.of("applicationName", LEASE_TABLE,
                        "workerId", context.getBean(KclStreamContainer.class).workerId()))
                .containsEntry("shards", 1)
                .containsEntry("blockedShards", Map.of())
                .containsEntry("recordsDelivered", (long) ACCEPTED.size())
                .extractingByKey("lastDelivery").isNotNull();
        StreamDescriptor stream = context.getBean(DynamoDbStreamsEndpoint.class).streams().streams().get(0);
        assertThat(stream.state()).isEqualTo(StreamState.RUNNING);
        assertThat(stream.activeShards()).isEqualTo(List.of(openShard()));
        assertThat(stream.coordination()).containsEntry("applicationName", LEASE_TABLE);
    }

    /** The id of the stream's only shard. */
    private static String openShard() {
        String streamArn = EMULATOR.dynamoDbClient().describeTable(request -> request.tableName(TABLE)).table()
                .latestStreamArn();
        return EMULATOR.streamsClient().describeStream(request -> request.streamArn(streamArn)).streamDescription()
                .shards().get(0).shardId();
    }

    /** The checkpoint of the stream's only open shard in the lease table, as a number; null before the first. */
    private static BigInteger checkpoint() {
        return EMULATOR.dynamoDbClient().scan(request -> request.tableName(LEASE_TABLE)).items().stream()
                .filter(lease -> !lease.containsKey("childShardIds") || lease.get("childShardIds").ss().isEmpty())
                .map(lease -> lease.get("checkpoint").s())
                .filter(value -> value.chars().allMatch(Character::isDigit))
                .map(BigInteger::new)
                .findFirst().orElse(null);
    }

    private static void put(DynamoDbClient dynamoDb, String id) {
        dynamoDb.putItem(request -> request.tableName(TABLE).item(Map.of("id", AttributeValue.fromS(id))));
    }

    /** Rejects the record with id "poison" while {@link #REJECTING} is set. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class RejectingApplication {

        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }

        @EventListener
        void on(ItemChangeEvent<Map<String, Object>> event) {
            String id = event.keys().get("id").s();
            ATTEMPTS.add(id);
            if (id.equals("poison") && REJECTING.get()) {
                throw new IllegalStateException("listener rejects " + id);
            }
            ACCEPTED.add(id);
        }
    }
}
