package io.github.dynamodbstream.spring.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.dynamodbstream.core.dynamodb.DynamoDbDeadLetterStore;
import io.github.dynamodbstream.core.failure.BatchListenerFailedException;
import io.github.dynamodbstream.core.failure.DeadLetter;
import io.github.dynamodbstream.core.record.ChangeRecord;
import io.github.dynamodbstream.emulator.DynamoDbEmulator;
import io.github.dynamodbstream.emulator.DynamoDbEmulatorExtension;
import io.github.dynamodbstream.spring.event.ItemChangeEvent;
import io.github.dynamodbstream.spring.event.ItemChangesEvent;
import io.github.dynamodbstream.spring.event.ItemInsertedEvent;
import io.github.dynamodbstream.spring.event.RecordFailedEvent;
import io.github.dynamodbstream.spring.support.OnEmulator;
import io.github.dynamodbstream.spring.support.TestItems;
import io.github.dynamodbstream.test.EmulatorTables;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;

/**
 * A poison record among 30 good ones in one page, at the start, in the middle and at the end (one stream each), for
 * record listeners and for batch listeners that name the record or not, under each {@code on-failure}: every good
 * record reaches the listeners exactly once and in order, the poison record gets exactly
 * {@code retry.max-attempts} deliveries before it is given up on, and under {@code block} a restarted application
 * delivers nothing from before the poison record again.
 */
class PoisonRecordEndToEndTests {

    private static final int RECORDS = 30;
    private static final int ATTEMPTS = 3;
    private static final Map<String, Integer> POSITIONS = Map.of("start", 0, "middle", RECORDS / 2, "end",
            RECORDS - 1);

    @RegisterExtension
    static final DynamoDbEmulatorExtension EMULATOR =
            DynamoDbEmulatorExtension.of(DynamoDbEmulator.builder().shardsPerStream(1));

    private static final AtomicInteger RUNS = new AtomicInteger();
    private static final Received RECEIVED = new Received();

    /** What the listeners of every application received, by stream (table) name. */
    static final class Received {

        final Map<String, List<ChangeRecord>> accepted = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> poisonAttempts = new ConcurrentHashMap<>();
        final List<RecordFailedEvent> failed = new CopyOnWriteArrayList<>();
        volatile boolean poisonAccepted;

        void reset() {
            accepted.clear();
            poisonAttempts.clear();
            failed.clear();
            poisonAccepted = false;
        }

        void accept(String table, ChangeRecord record) {
            accepted.computeIfAbsent(table, key -> new CopyOnWriteArrayList<>()).add(record);
        }

        /** Counts a delivery of the poison record; {@code true} when it must fail. */
        boolean poison(String table) {
            poisonAttempts.computeIfAbsent(table, key -> new AtomicInteger()).incrementAndGet();
            return !poisonAccepted;
        }

        List<String> ids(String table) {
            return accepted.getOrDefault(table, List.of()).stream()
                    .map(record -> record.keys().get("id").s()).toList();
        }

        int attempts(String table) {
            AtomicInteger attempts = poisonAttempts.get(table);
            return attempts == null ? 0 : attempts.get();
        }
    }

    /** How the application's listener meets the poison record. */
    enum Kind {
        RECORD(RecordApp.class, "record"),
        BATCH_NAMING(NamingBatchApp.class, "batch"),
        BATCH_SILENT(SilentBatchApp.class, "batch");

        final Class<?> application;
        final String listenerMode;

        Kind(Class<?> application, String listenerMode) {
            this.application = application;
            this.listenerMode = listenerMode;
        }
    }

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            for (String onFailure : List.of("block", "skip", "dead-letter")) {
                cases.add(Arguments.of(kind, onFailure));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} listener, on-failure {1}")
    @MethodSource("cases")
    void goodRecordsArriveOnceInOrderAndThePoisonRecordGetsItsAttempts(Kind kind, String onFailure) {
        RECEIVED.reset();
        String run = "run" + RUNS.incrementAndGet();
        List<String> properties = new ArrayList<>(List.of(OnEmulator.pollingFromTrimHorizon(EMULATOR.emulator(),
                "dynamodb.stream.listener-mode=" + kind.listenerMode,
                "dynamodb.stream.on-failure=" + onFailure,
                "dynamodb.stream.retry.max-attempts=" + ATTEMPTS,
                "dynamodb.stream.retry.initial-backoff=1ms",
                "dynamodb.stream.retry.max-backoff=5ms",
                "dynamodb.stream.consumer-name=" + run,
                "dynamodb.stream.checkpoint.store=dynamodb",
                "dynamodb.stream.checkpoint.table-name=poison-checkpoints",
                "dynamodb.stream.checkpoint.create-table=true",
                "dynamodb.stream.dead-letter.table-name=poison-dead-letters",
                "dynamodb.stream.dead-letter.create-table=true")));
        Map<String, String> streamArns = new ConcurrentHashMap<>();
        POSITIONS.forEach((name, position) -> {
            String table = run + "-" + name;
            streamArns.put(table, writeWithPoisonAt(table, position));
            properties.add("dynamodb.stream.streams." + table + ".table-name=" + table);
        });
        String[] settings = properties.toArray(String[]::new);

        try (ConfigurableApplicationContext context = OnEmulator.start(kind.application, settings)) {
            if (onFailure.equals("block")) {
                await().atMost(Duration.ofSeconds(20)).until(() -> POSITIONS.keySet().stream()
                        .allMatch(name -> RECEIVED.attempts(run + "-" + name) >= 2 * ATTEMPTS));
                POSITIONS.forEach((name, position) -> {
                    String table = run + "-" + name;
                    assertThat(RECEIVED.ids(table)).as(table).containsExactlyElementsOf(goodIds(0, position, position));
                });
                assertThat(RECEIVED.failed).isEmpty();
            } else {
                await().atMost(Duration.ofSeconds(20)).until(() -> RECEIVED.failed.size() == POSITIONS.size()
                        && POSITIONS.keySet().stream().allMatch(name ->
                                RECEIVED.ids(run + "-" + name).size() == RECORDS - 1));
                POSITIONS.forEach((name, position) -> {
                    String table = run + "-" + name;
                    assertThat(RECEIVED.ids(table)).as(table)
                            .containsExactlyElementsOf(goodIds(0, RECORDS, position));
                    assertInSequenceOrder(RECEIVED.accepted.get(table));
                    assertThat(RECEIVED.attempts(table)).as("attempts on the poison record of " + table)
                            .isEqualTo(ATTEMPTS);
                });
                assertThat(RECEIVED.failed).allSatisfy(event -> {
                    assertThat(event.records()).singleElement()
                            .satisfies(record -> assertThat(record.keys().get("id").s()).isEqualTo("poison"));
                    assertThat(event.failure()).isInstanceOf(IllegalStateException.class);
                });
                List<DeadLetter> letters = new ArrayList<>();
                DynamoDbDeadLetterStore store = DynamoDbDeadLetterStore.builder()
                        .dynamoDbClient(EMULATOR.dynamoDbClient()).tableName("poison-dead-letters")
                        .createTableIfMissing(true).build();
                streamArns.values().forEach(arn -> letters.addAll(store.list(run, arn)));
                if (onFailure.equals("dead-letter")) {
                    assertThat(letters).hasSize(POSITIONS.size()).allSatisfy(letter -> {
                        assertThat(letter.record().keys().get("id").s()).isEqualTo("poison");
                        assertThat(letter.failureClass()).isEqualTo(IllegalStateException.class.getName());
                    });
                } else {
                    assertThat(letters).isEmpty();
                }
            }
        }
        if (onFailure.equals("block")) {
            RECEIVED.reset();
            try (ConfigurableApplicationContext restarted = OnEmulator.start(kind.application, settings)) {
                await().atMost(Duration.ofSeconds(20)).until(() -> POSITIONS.keySet().stream()
                        .allMatch(name -> RECEIVED.attempts(run + "-" + name) >= ATTEMPTS));
                assertThat(RECEIVED.accepted).as("nothing before the poison record comes again").isEmpty();

                RECEIVED.poisonAccepted = true;
                await().atMost(Duration.ofSeconds(20)).until(() -> POSITIONS.entrySet().stream().allMatch(entry ->
                        RECEIVED.ids(run + "-" + entry.getKey()).size() == RECORDS - entry.getValue()));
                POSITIONS.forEach((name, position) -> {
                    List<String> expected = new ArrayList<>(List.of("poison"));
                    expected.addAll(goodIds(position + 1, RECORDS, position));
                    assertThat(RECEIVED.ids(run + "-" + name)).as(name).containsExactlyElementsOf(expected);
                });
            }
        }
    }

    private static String writeWithPoisonAt(String table, int position) {
        String streamArn = EmulatorTables.createWithStream(EMULATOR.dynamoDbClient(), table);
        for (int i = 0; i < RECORDS; i++) {
            TestItems.put(EMULATOR.dynamoDbClient(), table, i == position ? "poison" : goodId(i), 1);
        }
        return streamArn;
    }

    private static List<String> goodIds(int from, int to, int poisonPosition) {
        List<String> ids = new ArrayList<>();
        for (int i = from; i < to; i++) {
            if (i != poisonPosition) {
                ids.add(goodId(i));
            }
        }
        return ids;
    }

    private static String goodId(int i) {
        return String.format("item-%02d", i);
    }

    private static boolean isPoison(ChangeRecord record) {
        return record.keys().get("id").s().equals("poison");
    }

    private static void assertInSequenceOrder(List<ChangeRecord> records) {
        for (int i = 1; i < records.size(); i++) {
            assertThat(new BigInteger(records.get(i).sequenceNumber()))
                    .isGreaterThan(new BigInteger(records.get(i - 1).sequenceNumber()));
        }
    }

    /** Receives each change; throws on the poison record. */
    static class RecordListener {

        @EventListener
        void on(ItemInsertedEvent<Map<String, Object>> event) {
            if (isPoison(event.record()) && RECEIVED.poison(event.tableName())) {
                throw new IllegalStateException("cannot handle the poison record");
            }
            RECEIVED.accept(event.tableName(), event.record());
        }

        @EventListener
        void on(RecordFailedEvent event) {
            RECEIVED.failed.add(event);
        }
    }

    /** Keeps the changes before the poison record, then names it. */
    static class NamingBatchListener {

        @EventListener
        void on(ItemChangesEvent<Map<String, Object>> event) {
            for (ItemChangeEvent<Map<String, Object>> change : event.changes()) {
                if (isPoison(change.record()) && RECEIVED.poison(event.tableName())) {
                    throw new BatchListenerFailedException(change.record(),
                            new IllegalStateException("cannot handle the poison record"));
                }
                RECEIVED.accept(event.tableName(), change.record());
            }
        }

        @EventListener
        void on(RecordFailedEvent event) {
            RECEIVED.failed.add(event);
        }
    }

    /** Takes a batch whole or not at all, and does not say which change failed. */
    static class SilentBatchListener {

        @EventListener
        void on(ItemChangesEvent<Map<String, Object>> event) {
            List<ChangeRecord> records = event.changes().stream().map(ItemChangeEvent::record).toList();
            boolean alone = records.size() == 1;
            if (records.stream().anyMatch(PoisonRecordEndToEndTests::isPoison)) {
                if (alone) {
                    if (RECEIVED.poison(event.tableName())) {
                        throw new IllegalStateException("cannot handle the poison record");
                    }
                } else if (!RECEIVED.poisonAccepted) {
                    throw new IllegalStateException("cannot handle a batch with the poison record");
                }
            }
            records.forEach(record -> RECEIVED.accept(event.tableName(), record));
        }

        @EventListener
        void on(RecordFailedEvent event) {
            RECEIVED.failed.add(event);
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(RecordListener.class)
    static class RecordApp {
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(NamingBatchListener.class)
    static class NamingBatchApp {
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(SilentBatchListener.class)
    static class SilentBatchApp {
    }
}
