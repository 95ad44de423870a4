package io.github.dynamodbstream.spring.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.dynamodbstream.core.dynamodb.DynamoDbShardStateRepository;
import io.github.dynamodbstream.emulator.DynamoDbEmulatorExtension;
import io.github.dynamodbstream.spring.endpoint.DynamoDbStreamsEndpoint;
import io.github.dynamodbstream.spring.event.ItemChangeEvent;
import io.github.dynamodbstream.spring.support.OnEmulator;
import io.github.dynamodbstream.spring.support.TestItems;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;

/**
 * The starter, run end to end on the emulator (table-name resolution, events across a shard rotation, health, the
 * endpoint's checkpoint listing, a restart on the same checkpoints), calls only the actions of
 * {@link MinimumIamPolicy} for its configuration. The emulator records every operation it served; the test's own
 * calls are made before the records are reset.
 */
class MinimumIamPolicyTests {

    @RegisterExtension
    static final DynamoDbEmulatorExtension EMULATOR = DynamoDbEmulatorExtension.create();

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(Listener.class)
    static class App {
    }

    static class Listener {

        final List<String> ids = new CopyOnWriteArrayList<>();

        @EventListener
        void on(ItemChangeEvent<Map<String, Object>> event) {
            ids.add(event.keys().get("id").s());
        }
    }

    @Test
    void memoryStoreWithATableNameCallsOnlyTheStreamAndDescribeTable() {
        String table = newTable();
        Set<String> called = run(table, "dynamodb.stream.table-name=" + table);
        assertThat(called).containsAll(MinimumIamPolicy.READ_THE_STREAM).contains("DescribeTable")
                .isSubsetOf(MinimumIamPolicy.actions(true, false, false));
    }

    @Test
    void streamArnWithTheMemoryStoreCallsOnlyTheStream() {
        String table = newTable();
        String streamArn = EMULATOR.dynamoDbClient().describeTable(r -> r.tableName(table)).table().latestStreamArn();
        Set<String> called = run(table, "dynamodb.stream.stream-arn=" + streamArn);
        assertThat(called).containsExactlyInAnyOrderElementsOf(MinimumIamPolicy.READ_THE_STREAM);
    }

    @Test
    void dynamoDbStoreOnAnExistingTableCallsOnlyTheDocumentedActions() {
        String table = newTable();
        DynamoDbShardStateRepository.builder().dynamoDbClient(EMULATOR.dynamoDbClient())
                .tableName(table + "-checkpoints").createTableIfMissing(true).build();
        Set<String> called = run(table, "dynamodb.stream.table-name=" + table,
                "dynamodb.stream.checkpoint.store=dynamodb", "dynamodb.stream.checkpoint.table-name=" + table
                        + "-checkpoints");
        assertThat(called).contains("Query", "PutItem")
                .isSubsetOf(MinimumIamPolicy.actions(true, true, false));
    }

    @Test
    void dynamoDbStoreThatCreatesItsTableCallsOnlyTheDocumentedActions() {
        String table = newTable();
        Set<String> called = run(table, "dynamodb.stream.table-name=" + table,
                "dynamodb.stream.checkpoint.store=dynamodb", "dynamodb.stream.checkpoint.table-name=" + table
                        + "-checkpoints", "dynamodb.stream.checkpoint.create-table=true");
        assertThat(called).contains("CreateTable", "Query", "PutItem")
                .isSubsetOf(MinimumIamPolicy.actions(true, true, true));
    }

    @Test
    void jdbcStoreCallsNoDynamoDbActionButTheStreamAndDescribeTable() {
        String table = newTable();
        Set<String> called = run(table, "dynamodb.stream.table-name=" + table,
                "dynamodb.stream.checkpoint.store=jdbc", "dynamodb.stream.checkpoint.create-table=true",
                "spring.datasource.url=jdbc:h2:mem:" + table.replace('-', '_') + ";DB_CLOSE_DELAY=-1");
        assertThat(called).containsAll(MinimumIamPolicy.READ_THE_STREAM)
                .isSubsetOf(MinimumIamPolicy.actions(true, false, false));
    }

    private static String newTable() {
        String table = OnEmulator.newTable(EMULATOR, "iam");
        TestItems.putMany(EMULATOR.dynamoDbClient(), table, "before", 5);
        return table;
    }

    /** The test's own PutItem calls after the records are reset; the starter's are any beyond these. */
    private static final int TEST_WRITES = 2;

    /** Runs the application twice on the same configuration, with writes and a rotation; the operations served. */
    private static Set<String> run(String table, String... store) {
        EMULATOR.emulator().calls().reset();
        try (ConfigurableApplicationContext context = start(store)) {
            Listener listener = context.getBean(Listener.class);
            await().atMost(Duration.ofSeconds(15)).until(() -> listener.ids.size() >= 5);
            EMULATOR.emulator().rotateShards(table);
            TestItems.put(EMULATOR.dynamoDbClient(), table, "after", 1);
            await().atMost(Duration.ofSeconds(15)).until(() -> listener.ids.contains("after"));
            context.getBean(DynamoDbStreamsEndpoint.class).streams();
            context.getBean("dynamodbStreamHealthIndicator", HealthIndicator.class).health();
        }
        try (ConfigurableApplicationContext context = start(store)) {
            TestItems.put(EMULATOR.dynamoDbClient(), table, "restarted", 1);
            Listener listener = context.getBean(Listener.class);
            await().atMost(Duration.ofSeconds(15)).until(() -> listener.ids.contains("restarted"));
        }
        Set<String> called = new HashSet<>(EMULATOR.emulator().calls().operations());
        if (EMULATOR.emulator().calls().count("PutItem") == TEST_WRITES) {
            called.remove("PutItem");
        }
        return called;
    }

    private static ConfigurableApplicationContext start(String... more) {
        List<String> properties = new ArrayList<>(List.of(OnEmulator.pollingFromTrimHorizon(EMULATOR.emulator(),
                "dynamodb.stream.consumer-name=iam",
                "management.endpoints.web.exposure.include=dynamodbstreams",
                "spring.main.banner-mode=off")));
        properties.addAll(List.of(more));
        return OnEmulator.start(App.class, properties.toArray(String[]::new));
    }
}
