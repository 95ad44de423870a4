package io.github.dynamodbstream.kcl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.dynamodbstream.core.dynamodb.DynamoDbDeadLetterStore;
import io.github.dynamodbstream.core.failure.DeadLetter;
import io.github.dynamodbstream.core.record.ChangeRecord;
import io.github.dynamodbstream.emulator.DynamoDbEmulatorExtension;
import io.github.dynamodbstream.spring.event.ItemChangeEvent;
import io.github.dynamodbstream.spring.event.ItemChangesEvent;
import io.github.dynamodbstream.spring.event.ItemInsertedEvent;
import io.github.dynamodbstream.spring.event.RecordFailedEvent;
import io.github.dynamodbstream.test.EmulatorTables;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
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
 * The KCL mode delivers through the same per-record failure isolation as the poller: a poison record in the middle
 * of a page, under {@code block} (record listener), {@code skip} (batch listener that does not name the record) and
 * {@code dead-letter} (record listener). Every good record arrives once and in order; under {@code block} the lease
 * table's checkpoint holds the record just before the poison one until the listener accepts it.
 */
class PoisonRecordTests {

    private static final int RECORDS = 10;
    private static final int POISON_AT = 5;
    private static final String CONSUMER = "poison-app";
    private static final String DEAD_LETTERS = "kcl-dead-letters";

    @RegisterExtension
    static final DynamoDbEmulatorExtension EMULATOR =
            DynamoDbEmulatorExtension.of(KclFleet.emulator(1));

    static final Map<String, List<ChangeRecord>> ACCEPTED = new ConcurrentHashMap<>();
    static final Map<String, AtomicInteger> POISON_ATTEMPTS = new ConcurrentHashMap<>();
    static final List<RecordFailedEvent> FAILED = new CopyOnWriteArrayList<>();
    static volatile boolean poisonAccepted;

    @Test
    void goodRecordsArriveOnceInOrderAndOnlyThePoisonRecordIsHeldOrGivenUp() {
        DynamoDbClient dynamoDb = EMULATOR.dynamoDbClient();
        for (String table : List.of("kcl-block", "kcl-skip", "kcl-dead")) {
            EmulatorTables.createWithStream(dynamoDb, table, StreamViewType.NEW_IMAGE);
            for (int i = 0; i < RECORDS; i++) {
                String id = i == POISON_AT ? "poison" : "item-" + i;
                dynamoDb.putItem(request -> request.tableName(table).item(Map.of("id", AttributeValue.fromS(id))));
            }
        }
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(PoisonApplication.class)
                .web(WebApplicationType.NONE)
                .properties(KclFleet.instanceProperties(EMULATOR.emulator().endpoint(), EMULATOR.emulator().region(),
                        "instance-1", Duration.ofSeconds(3)))
                .properties(
                        "dynamodb.stream.consumer-name=" + CONSUMER,
                        "dynamodb.stream.retry.max-attempts=3",
                        "dynamodb.stream.retry.initial-backoff=1ms",
                        "dynamodb.stream.retry.max-backoff=50ms",
                        "dynamodb.stream.dead-letter.table-name=" + DEAD_LETTERS,
                        "dynamodb.stream.dead-letter.create-table=true",
                        "dynamodb.stream.streams.kcl-block.table-name=kcl-block",
                        "dynamodb.stream.streams.kcl-block.on-failure=block",
                        "dynamodb.stream.streams.kcl-skip.table-name=kcl-skip",
                        "dynamodb.stream.streams.kcl-skip.on-failure=skip",
                        "dynamodb.stream.streams.kcl-skip.listener-mode=batch",
                        "dynamodb.stream.streams.kcl-dead.table-name=kcl-dead",
                        "dynamodb.stream.streams.kcl-dead.on-failure=dead-letter")
                .run()) {
            await().atMost(Duration.ofMinutes(2)).until(() -> ids("kcl-skip").size() == RECORDS - 1
                    && ids("kcl-dead").size() == RECORDS - 1 && attempts("kcl-block") >= 6);

            assertThat(ids("kcl-skip")).containsExactlyElementsOf(good(0, RECORDS));
            assertThat(ids("kcl-dead")).containsExactlyElementsOf(good(0, RECORDS));
            assertThat(ids("kcl-block")).containsExactlyElementsOf(good(0, POISON_AT));
            assertInSequenceOrder(ACCEPTED.get("kcl-skip"));
            assertInSequenceOrder(ACCEPTED.get("kcl-dead"));
            assertThat(attempts("kcl-skip")).isEqualTo(3);
            assertThat(attempts("kcl-dead")).isEqualTo(3);
            assertThat(FAILED).extracting(RecordFailedEvent::streamName)
                    .containsExactlyInAnyOrder("kcl-skip", "kcl-dead");
            String deadStreamArn = dynamoDb.describeTable(request -> request.tableName("kcl-dead")).table()
                    .latestStreamArn();
            List<DeadLetter> letters = DynamoDbDeadLetterStore.builder().dynamoDbClient(dynamoDb)
                    .tableName(DEAD_LETTERS).build().list(CONSUMER, deadStreamArn);
            assertThat(letters).singleElement()
                    .satisfies(letter -> assertThat(letter.record().keys().get("id").s()).isEqualTo("poison"));
            BigInteger beforePoison = new BigInteger(ACCEPTED.get("kcl-block").get(POISON_AT - 1).sequenceNumber());
            await().atMost(Duration.ofSeconds(30)).until(() -> beforePoison.equals(checkpoint("kcl-block")));

            poisonAccepted = true;
            await().atMost(Duration.ofSeconds(30)).until(() -> ids("kcl-block").size() == RECORDS);
            List<String> expected = new ArrayList<>(good(0, POISON_AT));
            expected.add("poison");
            expected.addAll(good(POISON_AT + 1, RECORDS));
            assertThat(ids("kcl-block")).containsExactlyElementsOf(expected);
            assertInSequenceOrder(ACCEPTED.get("kcl-block"));
        }
    }

    private static List<String> ids(String stream) {
        return ACCEPTED.getOrDefault(stream, List.of()).stream().map(record -> record.keys().get("id").s()).toList();
    }

    private static int attempts(String stream) {
        AtomicInteger attempts = POISON_ATTEMPTS.get(stream);
        return attempts == null ? 0 : attempts.get();
    }

    private static List<String> good(int from, int to) {
        List<String> ids = new ArrayList<>();
        for (int i = from; i < to; i++) {
            if (i != POISON_AT) {
                ids.add("item-" + i);
            }
        }
        return ids;
    }

    /** The checkpoint of the stream's open shard in its lease table, as a number; null before the first. */
    private static BigInteger checkpoint(String stream) {
        return EMULATOR.dynamoDbClient().scan(request -> request.tableName(CONSUMER + "-" + stream)).items().stream()
                .map(lease -> lease.get("checkpoint").s())
                .filter(value -> value.chars().allMatch(Character::isDigit))
                .map(BigInteger::new)
                .findFirst().orElse(null);
    }

    private static void assertInSequenceOrder(List<ChangeRecord> records) {
        for (int i = 1; i < records.size(); i++) {
            assertThat(new BigInteger(records.get(i).sequenceNumber()))
                    .isGreaterThan(new BigInteger(records.get(i - 1).sequenceNumber()));
        }
    }

    private static boolean failsOnPoison(String stream, ChangeRecord record) {
        if (!record.keys().get("id").s().equals("poison")) {
            return false;
        }
        POISON_ATTEMPTS.computeIfAbsent(stream, key -> new AtomicInteger()).incrementAndGet();
        return !poisonAccepted;
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class PoisonApplication {

        @EventListener
        void on(ItemInsertedEvent<Map<String, Object>> event) {
            if (failsOnPoison(event.streamName(), event.record())) {
                throw new IllegalStateException("cannot handle the poison record");
            }
            ACCEPTED.computeIfAbsent(event.streamName(), key -> new CopyOnWriteArrayList<>()).add(event.record());
        }

        @EventListener
        void on(ItemChangesEvent<Map<String, Object>> event) {
            List<ChangeRecord> records = event.changes().stream().map(ItemChangeEvent::record).toList();
            boolean hasPoison = records.stream().anyMatch(record -> record.keys().get("id").s().equals("poison"));
            if (hasPoison && records.size() > 1) {
                throw new IllegalStateException("cannot handle a batch with the poison record");
            }
            if (hasPoison && failsOnPoison(event.streamName(), records.get(0))) {
                throw new IllegalStateException("cannot handle the poison record");
            }
            ACCEPTED.computeIfAbsent(event.streamName(), key -> new CopyOnWriteArrayList<>()).addAll(records);
        }

        @EventListener
        void on(RecordFailedEvent event) {
            FAILED.add(event);
        }
    }
}
