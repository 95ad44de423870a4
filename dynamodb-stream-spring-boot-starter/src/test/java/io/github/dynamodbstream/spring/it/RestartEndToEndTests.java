package io.github.dynamodbstream.spring.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.dynamodbstream.core.checkpoint.ShardCheckpoint;
import io.github.dynamodbstream.core.dynamodb.DynamoDbShardStateRepository;
import io.github.dynamodbstream.emulator.DynamoDbEmulator;
import io.github.dynamodbstream.emulator.DynamoDbEmulatorExtension;
import io.github.dynamodbstream.spring.event.ItemInsertedEvent;
import io.github.dynamodbstream.spring.poller.DynamoDbStreamListenerContainer;
import io.github.dynamodbstream.spring.support.OnEmulator;
import io.github.dynamodbstream.spring.support.TestItems;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;

/**
 * Applications stopped and started again on the same checkpoints: nothing is lost, and nothing delivered and
 * checkpointed before the stop is delivered again.
 */
class RestartEndToEndTests {

    @RegisterExtension
    static final DynamoDbEmulatorExtension EMULATOR =
            DynamoDbEmulatorExtension.of(DynamoDbEmulator.builder().shardsPerStream(1));

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(Recorder.class)
    static class App {
    }

    /** Records the inserts; with {@code test.hold-at=n}, holds the n-th one until released. */
    static class Recorder {

        final List<String> ids = new CopyOnWriteArrayList<>();
        final List<String> sequenceNumbers = new CopyOnWriteArrayList<>();
        final CountDownLatch holding = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger seen = new AtomicInteger();

        @Value("${test.hold-at:0}")
        int holdAt;

        @EventListener
        void on(ItemInsertedEvent<Map<String, Object>> event) throws InterruptedException {
            if (seen.incrementAndGet() == holdAt) {
                holding.countDown();
                release.await(20, TimeUnit.SECONDS);
            }
            ids.add((String) event.item().get("id"));
            sequenceNumbers.add(event.sequenceNumber());
        }
    }

    private static String newTable() {
        return OnEmulator.newTable(EMULATOR, "restart");
    }

    private static ConfigurableApplicationContext start(String table, String... properties) {
        List<String> all = new ArrayList<>(List.of(OnEmulator.pollingFromTrimHorizon(EMULATOR.emulator(),
                "dynamodb.stream.table-name=" + table, "dynamodb.stream.consumer-name=restart-test",
                "spring.main.banner-mode=off")));
        all.addAll(List.of(properties));
        return new SpringApplicationBuilder(App.class).properties(all.toArray(String[]::new)).run();
    }

    @Test
    void restartWithDynamoDbCheckpointsResumesWithoutLossOrDuplicates() {
        String table = newTable();
        String checkpoints = "checkpoints-" + UUID.randomUUID().toString().substring(0, 8);
        resumesAfterRestart(table, "dynamodb.stream.checkpoint.store=dynamodb",
                "dynamodb.stream.checkpoint.table-name=" + checkpoints, "dynamodb.stream.checkpoint.create-table=true");
    }

    @Test
    void restartWithJdbcCheckpointsResumesWithoutLossOrDuplicates() {
        String table = newTable();
        String database = "checkpoints" + UUID.randomUUID().toString().replace("-", "");
        resumesAfterRestart(table, "dynamodb.stream.checkpoint.store=jdbc",
                "dynamodb.stream.checkpoint.create-table=true",
                "spring.datasource.url=jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1");
    }

    private void resumesAfterRestart(String table, String... store) {
        TestItems.putMany(EMULATOR.dynamoDbClient(), table, "before", 30);
        List<String> first;
        try (ConfigurableApplicationContext context = start(table, store)) {
            Recorder recorder = context.getBean(Recorder.class);
            await().atMost(Duration.ofSeconds(15)).until(() -> recorder.ids.size() == 30);
            first = List.copyOf(recorder.ids);
        }
        TestItems.putMany(EMULATOR.dynamoDbClient(), table, "after", 20);
        try (ConfigurableApplicationContext context = start(table, store)) {
            Recorder recorder = context.getBean(Recorder.class);
            await().atMost(Duration.ofSeconds(15)).until(() -> recorder.ids.size() >= 20);
            assertThat(recorder.ids).hasSize(20).allMatch(id -> id.startsWith("after-")).doesNotHaveDuplicates();
        }
        assertThat(first).hasSize(30).allMatch(id -> id.startsWith("before-")).doesNotHaveDuplicates();
    }

    @Test
    void gracefulShutdownDeliversAndCheckpointsTheBatchInFlight() throws Exception {
        String table = newTable();
        String checkpoints = "checkpoints-" + UUID.randomUUID().toString().substring(0, 8);
        String[] store = {"dynamodb.stream.checkpoint.store=dynamodb",
            "dynamodb.stream.checkpoint.table-name=" + checkpoints, "dynamodb.stream.checkpoint.create-table=true",
            "dynamodb.stream.max-records=5", "dynamodb.stream.shutdown-timeout=15s"};
        TestItems.putMany(EMULATOR.dynamoDbClient(), table, "item", 20);
        String streamArn;
        List<String> first;
        List<String> firstSequenceNumbers;
        ConfigurableApplicationContext context = start(table, concat(store, "test.hold-at=3"));
        Recorder recorder = context.getBean(Recorder.class);
        try {
            DynamoDbStreamListenerContainer container = context.getBean(DynamoDbStreamListenerContainer.class);
            streamArn = container.streams().all().get(0).streamArn().toString();
            assertThat(recorder.holding.await(15, TimeUnit.SECONDS)).isTrue();

            CompletableFuture<Void> closing = CompletableFuture.runAsync(context::close);
            await().atMost(Duration.ofSeconds(10)).until(() -> !container.isRunning());
            assertThat(closing).as("the close waits for the batch in flight").isNotDone();
            recorder.release.countDown();
            closing.get(15, TimeUnit.SECONDS);
            first = List.copyOf(recorder.ids);
            firstSequenceNumbers = List.copyOf(recorder.sequenceNumbers);
        } finally {
            recorder.release.countDown();
            context.close();
        }
        assertThat(first).as("the batch in flight, and no more").hasSize(5);
        Map<String, ShardCheckpoint> saved = DynamoDbShardStateRepository.builder()
                .dynamoDbClient(EMULATOR.dynamoDbClient()).tableName(checkpoints).build()
                .load("restart-test", streamArn);
        assertThat(saved.values()).singleElement().extracting(ShardCheckpoint::sequenceNumber)
                .isEqualTo(firstSequenceNumbers.get(4));

        try (ConfigurableApplicationContext restarted = start(table, store)) {
            Recorder second = restarted.getBean(Recorder.class);
            await().atMost(Duration.ofSeconds(15)).until(() -> second.ids.size() >= 15);
            assertThat(second.ids).hasSize(15).doesNotHaveDuplicates().doesNotContainAnyElementsOf(first);
            Set<String> all = new HashSet<>(first);
            all.addAll(second.ids);
            assertThat(all).hasSize(20);
        }
    }

    private static String[] concat(String[] properties, String... more) {
        List<String> all = new ArrayList<>(List.of(properties));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }
}
