package io.github.dynamodbstream.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dynamodbstream.core.DynamoDbStreamPoller;
import io.github.dynamodbstream.core.PollResult;
import io.github.dynamodbstream.core.PollerObserver;
import io.github.dynamodbstream.core.StartingPosition;
import io.github.dynamodbstream.core.StreamListener;
import io.github.dynamodbstream.core.dynamodb.DynamoDbDeadLetterStore;
import io.github.dynamodbstream.core.failure.DeadLetter;
import io.github.dynamodbstream.core.failure.ListenerFailureMode;
import io.github.dynamodbstream.core.failure.RetryBackoff;
import io.github.dynamodbstream.core.record.ChangeRecord;
import io.github.dynamodbstream.core.record.ChangeType;
import io.github.dynamodbstream.core.support.StreamTables;
import io.github.dynamodbstream.emulator.DynamoDbEmulator;
import io.github.dynamodbstream.emulator.DynamoDbEmulatorExtension;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The give-up rules around the failing record: maximum age, dead letters, filtering, and a batch failing once. */
class FailureRulesTest {

    @RegisterExtension
    static final DynamoDbEmulatorExtension EMULATOR =
            DynamoDbEmulatorExtension.of(DynamoDbEmulator.builder().shardsPerStream(1));

    private final List<ChangeRecord> delivered = new CopyOnWriteArrayList<>();

    /** Accepts every record but item "poison". */
    private final StreamListener poisoned = new StreamListener() {
        @Override
        public void onInsert(ChangeRecord record) {
            if (record.keys().get("id").s().equals("poison")) {
                throw new IllegalStateException("poison");
            }
            delivered.add(record);
        }

        @Override
        public void onModify(ChangeRecord record) {
            delivered.add(record);
        }

        @Override
        public void onRemove(ChangeRecord record) {
            delivered.add(record);
        }
    };

    private static String tableWith(String table, String... ids) {
        DynamoDbClient dynamoDb = EMULATOR.dynamoDbClient();
        String streamArn = StreamTables.create(dynamoDb, table);
        for (String id : ids) {
            StreamTables.put(dynamoDb, table, id, 1);
        }
        return streamArn;
    }

    private static DynamoDbStreamPoller.Builder poller(String streamArn, StreamListener listener) {
        return DynamoDbStreamPoller.builder()
                .streamsClient(EMULATOR.streamsClient())
                .streamArn(streamArn)
                .startingPosition(StartingPosition.TRIM_HORIZON)
                .consumerName("rules-test")
                .listenerRetryBackoff(RetryBackoff.of(2, Duration.ofMillis(1), Duration.ofMillis(2)))
                .listener(listener);
    }

    private List<String> deliveredIds() {
        return delivered.stream().map(record -> record.keys().get("id").s()).toList();
    }

    @Test
    void blockGivesUpARecordOlderThanTheMaximumAgeAndGoesOn() {
        String streamArn = tableWith("rules-age", "a", "poison", "b");
        List<ChangeRecord> givenUp = new CopyOnWriteArrayList<>();
        Clock anHourLater = Clock.offset(Clock.systemUTC(), Duration.ofHours(1));
        try (DynamoDbStreamPoller young = poller(streamArn, poisoned)
                .listenerFailureMode(ListenerFailureMode.BLOCK)
                .maxRecordAge(Duration.ofHours(2))
                .failedRecordHandler((records, failure) -> givenUp.addAll(records))
                .clock(anHourLater)
                .build()) {
            assertThat(young.fetchStreamState().failedShards()).hasSize(1);
            assertThat(givenUp).isEmpty();
        }
        delivered.clear();
        try (DynamoDbStreamPoller old = poller(streamArn, poisoned)
                .listenerFailureMode(ListenerFailureMode.BLOCK)
                .maxRecordAge(Duration.ofMinutes(30))
                .failedRecordHandler((records, failure) -> givenUp.addAll(records))
                .clock(anHourLater)
                .build()) {
            PollResult result = old.fetchStreamState();

            assertThat(result.failedShards()).isEmpty();
            assertThat(result.recordsSkipped()).isEqualTo(1);
            assertThat(givenUp).extracting(record -> record.keys().get("id").s()).containsExactly("poison");
            assertThat(deliveredIds()).containsExactly("a", "b");
        }
    }

    @Test
    void aDeadLetterThatCannotBeWrittenKeepsTheShardAtTheRecord() {
        String streamArn = tableWith("rules-dead-letter-down", "a", "poison", "b");
        AtomicBoolean storeDown = new AtomicBoolean(true);
        List<DeadLetter> letters = new CopyOnWriteArrayList<>();
        try (DynamoDbStreamPoller poller = poller(streamArn, poisoned)
                .listenerFailureMode(ListenerFailureMode.DEAD_LETTER)
                .deadLetterStore(letter -> {
                    if (storeDown.get()) {
                        throw new IllegalStateException("dead-letter store unavailable");
                    }
                    letters.add(letter);
                })
                .build()) {
            PollResult down = poller.fetchStreamState();
            assertThat(down.failedShards()).hasSize(1);
            assertThat(down.recordsSkipped()).isZero();
            assertThat(deliveredIds()).containsExactly("a");

            storeDown.set(false);
            PollResult up = poller.fetchStreamState();
            assertThat(up.failedShards()).isEmpty();
            assertThat(letters).extracting(letter -> letter.record().keys().get("id").s()).containsExactly("poison");
            assertThat(deliveredIds()).containsExactly("a", "b");
        }
    }

    @Test
    void deadLetterModeNeedsAStore() {
        String streamArn = tableWith("rules-no-store");
        assertThatThrownBy(() -> poller(streamArn, poisoned).listenerFailureMode(ListenerFailureMode.DEAD_LETTER)
                .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("DEAD_LETTER needs a DeadLetterStore");
    }

    @Test
    void dynamoDbDeadLetterStoreKeepsTheRecordForReplay() {
        String streamArn = tableWith("rules-dynamodb-dead-letters", "a", "poison", "b");
        DynamoDbDeadLetterStore store = DynamoDbDeadLetterStore.builder()
                .dynamoDbClient(EMULATOR.dynamoDbClient())
                .tableName("rules-dead-letters")
                .createTableIfMissing(true)
                .build();
        ChangeRecord poison;
        try (DynamoDbStreamPoller poller = poller(streamArn, poisoned)
                .listenerFailureMode(ListenerFailureMode.DEAD_LETTER)
                .deadLetterStore(store)
                .build()) {
            poller.fetchStreamState();
        }
        List<DeadLetter> letters = store.list("rules-test", streamArn);
        assertThat(letters).singleElement().satisfies(letter -> {
            assertThat(letter.failureClass()).isEqualTo(IllegalStateException.class.getName());
            assertThat(letter.failureMessage()).isEqualTo("poison");
            assertThat(letter.consumerName()).isEqualTo("rules-test");
            assertThat(letter.record().type()).isEqualTo(ChangeType.INSERT);
            assertThat(letter.record().keys().get("id").s()).isEqualTo("poison");
            assertThat(letter.record().newImage().get("v").n()).isEqualTo("1");
            assertThat(letter.record().streamArn()).isEqualTo(streamArn);
        });
        poison = letters.get(0).record();
        store.write(letters.get(0));
        assertThat(store.list("rules-test", streamArn)).as("a letter written twice is one item").hasSize(1);

        List<ChangeRecord> replayed = new CopyOnWriteArrayList<>();
        for (DeadLetter letter : store.list("rules-test", streamArn)) {
            replayed.add(letter.record());
            store.delete(letter);
        }
        assertThat(replayed).containsExactly(poison);
        assertThat(store.list("rules-test", streamArn)).isEmpty();
    }

    @Test
    void filteredRecordsAreAcknowledgedWithoutDeliveryAndCounted() {
        DynamoDbClient dynamoDb = EMULATOR.dynamoDbClient();
        String streamArn = tableWith("rules-filter", "a", "b");
        StreamTables.put(dynamoDb, "rules-filter", "a", 2);
        StreamTables.delete(dynamoDb, "rules-filter", "b");
        AtomicInteger filtered = new AtomicInteger();
        try (DynamoDbStreamPoller poller = poller(streamArn, poisoned)
                .recordFilter(record -> record.type() != ChangeType.REMOVE)
                .observer(new PollerObserver() {
                    @Override
                    public void recordsFiltered(String shardId, int count) {
                        filtered.addAndGet(count);
                    }
                })
                .build()) {
            PollResult result = poller.fetchStreamState();

            assertThat(delivered).extracting(ChangeRecord::type)
                    .containsExactly(ChangeType.INSERT, ChangeType.INSERT, ChangeType.MODIFY);
            assertThat(result.recordsDelivered()).isEqualTo(3);
            assertThat(filtered).hasValue(1);
            assertThat(poller.fetchStreamState().recordsDelivered()).isZero();
            assertThat(filtered).hasValue(1);
        }
    }

    @Test
    void aBatchListenerThatFailsOnceWithoutNamingARecordLosesAndRepeatsNothing() {
        String streamArn = tableWith("rules-transient", "a", "b", "c", "d", "e", "f", "g");
        AtomicInteger calls = new AtomicInteger();
        StreamListener flaky = new StreamListener() {
            @Override
            public void onBatch(List<ChangeRecord> records) {
                if (calls.incrementAndGet() == 1) {
                    throw new IllegalStateException("database briefly unavailable");
                }
                delivered.addAll(records);
            }
        };
        try (DynamoDbStreamPoller poller = poller(streamArn, flaky).listenerFailureMode(ListenerFailureMode.SKIP)
                .build()) {
            PollResult result = poller.fetchStreamState();

            assertThat(result.recordsSkipped()).isZero();
            assertThat(result.failedShards()).isEmpty();
            assertThat(deliveredIds()).containsExactly("a", "b", "c", "d", "e", "f", "g");
        }
    }
}
