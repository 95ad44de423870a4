package io.github.dynamodbstream.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dynamodbstream.core.DynamoDbStreamPoller;
import io.github.dynamodbstream.core.PollResult;
import io.github.dynamodbstream.core.StartingPosition;
import io.github.dynamodbstream.core.StreamListener;
import io.github.dynamodbstream.core.checkpoint.InMemoryShardStateRepository;
import io.github.dynamodbstream.core.checkpoint.ShardStateRepository;
import io.github.dynamodbstream.core.failure.BatchListenerFailedException;
import io.github.dynamodbstream.core.failure.DeadLetter;
import io.github.dynamodbstream.core.failure.ListenerFailureMode;
import io.github.dynamodbstream.core.failure.RetryBackoff;
import io.github.dynamodbstream.core.record.ChangeRecord;
import io.github.dynamodbstream.core.support.StreamTables;
import io.github.dynamodbstream.emulator.DynamoDbEmulator;
import io.github.dynamodbstream.emulator.DynamoDbEmulatorExtension;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * One record the listener cannot handle among good ones in one page: at the start, in the middle and at the end,
 * for a record listener, a batch listener that names the record and one that does not, under each failure mode.
 * Every good record is delivered exactly once and in order, the poison record gets exactly the attempts of the
 * retry policy per round, and nothing before it is delivered again, not even by a restarted poller.
 */
class PoisonRecordTest {

    private static final int RECORDS = 30;
    private static final int ATTEMPTS = 3;

    @RegisterExtension
    static final DynamoDbEmulatorExtension EMULATOR =
            DynamoDbEmulatorExtension.of(DynamoDbEmulator.builder().shardsPerStream(1));

    private static int tables;

    /** How the listener meets the poison record. */
    enum Kind {
        /** onInsert throws on it: the default onBatch names it. */
        RECORD,
        /** onBatch keeps the records before it, then throws a BatchListenerFailedException naming it. */
        BATCH_NAMING,
        /** onBatch is all or nothing and throws a plain exception: the poller splits the batch. */
        BATCH_SILENT
    }

    /** Keeps what it accepted; counts the calls that handed it the poison record. */
    static final class PoisonListener implements StreamListener {

        final Kind kind;
        final List<ChangeRecord> accepted = new CopyOnWriteArrayList<>();
        final AtomicInteger poisonAttempts = new AtomicInteger();
        final AtomicInteger poisonAlone = new AtomicInteger();
        volatile boolean broken = true;

        PoisonListener(Kind kind) {
            this.kind = kind;
        }

        @Override
        public void onBatch(List<ChangeRecord> records) {
            if (records.size() == 1 && isPoison(records.get(0))) {
                poisonAlone.incrementAndGet();
            }
            switch (kind) {
                case RECORD -> StreamListener.super.onBatch(records);
                case BATCH_NAMING -> {
                    for (ChangeRecord record : records) {
                        if (isPoison(record)) {
                            poisonAttempts.incrementAndGet();
                            if (broken) {
                                throw new BatchListenerFailedException(record, new IllegalStateException("poison"));
                            }
                        }
                        accepted.add(record);
                    }
                }
                case BATCH_SILENT -> {
                    if (records.stream().anyMatch(PoisonRecordTest::isPoison)) {
                        poisonAttempts.incrementAndGet();
                        if (broken) {
                            throw new IllegalStateException("poison somewhere in " + records.size() + " records");
                        }
                    }
                    accepted.addAll(records);
                }
            }
        }

        @Override
        public void onInsert(ChangeRecord record) {
            if (isPoison(record)) {
                poisonAttempts.incrementAndGet();
                if (broken) {
                    throw new IllegalStateException("poison");
                }
            }
            accepted.add(record);
        }

        List<String> acceptedIds() {
            return accepted.stream().map(record -> record.keys().get("id").s()).toList();
        }

        /** Calls the poison record had in the last round, counted as its attempts. */
        int attemptsOnPoison() {
            return kind == Kind.BATCH_SILENT ? poisonAlone.get() : poisonAttempts.get();
        }
    }

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (int position : new int[] {0, RECORDS / 2, RECORDS - 1}) {
            for (Kind kind : Kind.values()) {
                for (ListenerFailureMode mode : ListenerFailureMode.values()) {
                    cases.add(Arguments.of(position, kind, mode));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "poison at {0}, {1} listener, {2}")
    @MethodSource("cases")
    void everyGoodRecordArrivesOnceInOrderAndThePoisonRecordGetsItsAttempts(int position, Kind kind,
            ListenerFailureMode mode) {
        String streamArn = writeWithPoisonAt(position);
        ShardStateRepository repository = new InMemoryShardStateRepository();
        PoisonListener listener = new PoisonListener(kind);
        List<ChangeRecord> givenUp = new CopyOnWriteArrayList<>();
        List<DeadLetter> deadLetters = new CopyOnWriteArrayList<>();

        try (DynamoDbStreamPoller poller = poller(streamArn, repository, listener, mode, givenUp, deadLetters)) {
            PollResult first = poller.fetchStreamState();

            assertThat(listener.attemptsOnPoison()).isEqualTo(ATTEMPTS);
            assertThat(listener.acceptedIds()).doesNotHaveDuplicates().doesNotContain("poison");
            assertInSequenceOrder(listener.accepted);
            if (mode == ListenerFailureMode.BLOCK) {
                assertThat(listener.acceptedIds()).containsExactlyElementsOf(goodIds(0, position, position));
                assertThat(first.failedShards()).singleElement()
                        .satisfies(failure -> assertThat(failure.reason()).contains("listener failed"));
                assertThat(givenUp).isEmpty();

                poller.fetchStreamState();
                assertThat(listener.attemptsOnPoison()).isEqualTo(2 * ATTEMPTS);
                assertThat(listener.acceptedIds()).containsExactlyElementsOf(goodIds(0, position, position));
            } else {
                assertThat(listener.acceptedIds()).containsExactlyElementsOf(goodIds(0, RECORDS, position));
                assertThat(first.failedShards()).isEmpty();
                assertThat(first.recordsSkipped()).isEqualTo(1);
                assertThat(givenUp).singleElement().satisfies(record -> assertThat(isPoison(record)).isTrue());
                if (mode == ListenerFailureMode.DEAD_LETTER) {
                    assertThat(deadLetters).singleElement().satisfies(letter -> {
                        assertThat(isPoison(letter.record())).isTrue();
                        assertThat(letter.failureClass()).isEqualTo(IllegalStateException.class.getName());
                        assertThat(letter.consumerName()).isEqualTo("poison-test");
                    });
                } else {
                    assertThat(deadLetters).isEmpty();
                }
                assertThat(poller.fetchStreamState().recordsDelivered()).isZero();
            }
        }
        if (mode == ListenerFailureMode.BLOCK) {
            PoisonListener restarted = new PoisonListener(kind);
            try (DynamoDbStreamPoller poller = poller(streamArn, repository, restarted, mode, givenUp, deadLetters)) {
                poller.fetchStreamState();
                assertThat(restarted.accepted).as("nothing before the poison record comes again").isEmpty();
                assertThat(restarted.attemptsOnPoison()).isEqualTo(ATTEMPTS);

                restarted.broken = false;
                PollResult healed = poller.fetchStreamState();
                assertThat(healed.failedShards()).isEmpty();
                List<String> expected = new ArrayList<>(List.of("poison"));
                expected.addAll(goodIds(position + 1, RECORDS, position));
                assertThat(restarted.acceptedIds()).containsExactlyElementsOf(expected);
                assertInSequenceOrder(restarted.accepted);
            }
        }
    }

    private static DynamoDbStreamPoller poller(String streamArn, ShardStateRepository repository,
            StreamListener listener, ListenerFailureMode mode, List<ChangeRecord> givenUp,
            List<DeadLetter> deadLetters) {
        return DynamoDbStreamPoller.builder()
                .streamsClient(EMULATOR.streamsClient())
                .streamArn(streamArn)
                .startingPosition(StartingPosition.TRIM_HORIZON)
                .consumerName("poison-test")
                .shardStateRepository(repository)
                .listenerRetryBackoff(RetryBackoff.of(ATTEMPTS, Duration.ofMillis(1), Duration.ofMillis(2)))
                .listenerFailureMode(mode)
                .failedRecordHandler((records, failure) -> givenUp.addAll(records))
                .deadLetterStore(deadLetters::add)
                .listener(listener)
                .build();
    }

    /** Writes {@value #RECORDS} inserts in one shard, the one at {@code position} being the poison record. */
    private static String writeWithPoisonAt(int position) {
        DynamoDbClient dynamoDb = EMULATOR.dynamoDbClient();
        String table = "poison-" + (++tables);
        String streamArn = StreamTables.create(dynamoDb, table);
        for (int i = 0; i < RECORDS; i++) {
            StreamTables.put(dynamoDb, table, i == position ? "poison" : goodId(i), 1);
        }
        return streamArn;
    }

    /** The good items written at positions {@code from} (inclusive) to {@code to} (exclusive). */
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

    static boolean isPoison(ChangeRecord record) {
        return record.keys().get("id").s().equals("poison");
    }

    private static void assertInSequenceOrder(List<ChangeRecord> records) {
        for (int i = 1; i < records.size(); i++) {
            assertThat(new BigInteger(records.get(i).sequenceNumber()))
                    .isGreaterThan(new BigInteger(records.get(i - 1).sequenceNumber()));
        }
    }
}
