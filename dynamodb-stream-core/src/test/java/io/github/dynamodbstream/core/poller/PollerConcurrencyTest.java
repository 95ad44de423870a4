package io.github.dynamodbstream.core.poller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.dynamodbstream.core.DynamoDbStreamPoller;
import io.github.dynamodbstream.core.PollResult;
import io.github.dynamodbstream.core.RemovedShard;
import io.github.dynamodbstream.core.StartingPosition;
import io.github.dynamodbstream.core.StreamListener;
import io.github.dynamodbstream.core.record.ChangeRecord;
import io.github.dynamodbstream.core.support.StreamTables;
import io.github.dynamodbstream.emulator.DynamoDbEmulator;
import io.github.dynamodbstream.emulator.DynamoDbEmulatorExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Rounds never overlap; lineages run side by side; the poll loop and its graceful stop. */
class PollerConcurrencyTest {

    @RegisterExtension
    static final DynamoDbEmulatorExtension EMULATOR =
            DynamoDbEmulatorExtension.of(DynamoDbEmulator.builder().shardsPerStream(4));

    private static DynamoDbStreamPoller.Builder poller(String streamArn, StreamListener listener) {
        return DynamoDbStreamPoller.builder()
                .streamsClient(EMULATOR.streamsClient())
                .streamArn(streamArn)
                .startingPosition(StartingPosition.TRIM_HORIZON)
                .listener(listener);
    }

    private static String tableWithItems(String table, int items) {
        DynamoDbClient dynamoDb = EMULATOR.dynamoDbClient();
        String streamArn = StreamTables.create(dynamoDb, table);
        for (int item = 0; item < items; item++) {
            StreamTables.put(dynamoDb, table, "item-" + item, 1);
        }
        return streamArn;
    }

    @Test
    void secondCallerWaitsForTheRoundInProgress() throws Exception {
        String streamArn = tableWithItems("concurrency-overlap", 1);
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger inRound = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        StreamListener listener = new StreamListener() {
            @Override
            public void onBatch(List<ChangeRecord> records) {
                mostAtOnce.accumulateAndGet(inRound.incrementAndGet(), Math::max);
                entered.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                inRound.decrementAndGet();
            }
        };
        try (DynamoDbStreamPoller poller = poller(streamArn, listener).build()) {
            CompletableFuture<PollResult> first = CompletableFuture.supplyAsync(poller::fetchStreamState);
            assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<PollResult> second = CompletableFuture.supplyAsync(poller::fetchStreamState);

            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !second.isDone());
            release.countDown();

            assertThat(first.get(10, TimeUnit.SECONDS).recordsDelivered()).isEqualTo(1);
            assertThat(second.get(10, TimeUnit.SECONDS).recordsDelivered()).isZero();
            assertThat(mostAtOnce).hasValue(1);
        }
    }

    @Test
    void shardsOfDifferentLineagesAreDeliveredAtTheSameTimeOnNamedThreads() {
        String streamArn = tableWithItems("concurrency-parallel", 40);
        CountDownLatch together = new CountDownLatch(2);
        AtomicBoolean sawTwoAtOnce = new AtomicBoolean();
        RecordingListener listener = new RecordingListener() {
            @Override
            public void onBatch(List<ChangeRecord> records) {
                together.countDown();
                try {
                    if (together.await(5, TimeUnit.SECONDS)) {
                        sawTwoAtOnce.set(true);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                super.onBatch(records);
            }
        };
        try (DynamoDbStreamPoller poller = poller(streamArn, listener).maxConcurrentShards(2).build()) {
            poller.fetchStreamState();
        }

        assertThat(sawTwoAtOnce).isTrue();
        assertThat(listener.threads).hasSize(2).allMatch(name -> name.matches("dynamodb-stream-\\d+"));
        assertThat(listener.versionsById()).hasSize(40);
    }

    @Test
    void roundWithReadsStillQueuedReturnsSoonAfterCloseInsteadOfWaitingForReadsTheExecutorDropped() throws Exception {
        String streamArn = tableWithItems("concurrency-close-queued", 20);
        CountDownLatch inListener = new CountDownLatch(1);
        CountDownLatch released = new CountDownLatch(1);
        StreamListener slow = new StreamListener() {
            @Override
            public void onBatch(List<ChangeRecord> records) {
                inListener.countDown();
                try {
                    released.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        DynamoDbStreamPoller poller = poller(streamArn, slow).maxConcurrentShards(1).maxRecordsPerCall(1)
                .shutdownTimeout(Duration.ofMillis(200)).build();
        CompletableFuture<PollResult> round = CompletableFuture.supplyAsync(poller::fetchStreamState);
        assertThat(inListener.await(10, TimeUnit.SECONDS)).isTrue();

        poller.close();

        await().atMost(Duration.ofSeconds(10)).until(round::isDone);
        released.countDown();
        assertThat(round.get().caughtUp()).isFalse();
    }

    @Test
    void errorFromANoticeEndsTheRoundOnlyAfterTheReadersStillRunningStopped() throws Exception {
        String streamArn = tableWithItems("concurrency-notice-error", 1);
        EMULATOR.emulator().rotateShards("concurrency-notice-error");
        final class NoticeFailure extends Error {
            NoticeFailure() {
                super("the application cannot go on");
            }
        }
        CountDownLatch inListener = new CountDownLatch(1);
        CountDownLatch released = new CountDownLatch(1);
        AtomicInteger noticesThrown = new AtomicInteger();
        StreamListener listener = new StreamListener() {
            @Override
            public void onBatch(List<ChangeRecord> records) {
                inListener.countDown();
                try {
                    released.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            public void onRemovedShards(List<RemovedShard> shards) {
                try {
                    // The notice fails while the reader of the shard with the item is in the listener, however
                    // the threads are scheduled.
                    inListener.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                noticesThrown.incrementAndGet();
                throw new NoticeFailure();
            }
        };
        try (DynamoDbStreamPoller poller = poller(streamArn, listener).maxConcurrentShards(4).build()) {
            CompletableFuture<PollResult> round = CompletableFuture.supplyAsync(poller::fetchStreamState);
            assertThat(inListener.await(10, TimeUnit.SECONDS)).isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> noticesThrown.get() > 0);

            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !round.isDone());
            released.countDown();

            assertThatThrownBy(() -> round.get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(NoticeFailure.class);
        }
    }

    @Test
    void pollLoopEndedByAnErrorShowsItAndCanBeStartedAgain() {
        DynamoDbClient dynamoDb = EMULATOR.dynamoDbClient();
        String streamArn = StreamTables.create(dynamoDb, "concurrency-loop-error");
        final class Fatal extends Error {
            Fatal() {
                super("the listener cannot go on");
            }
        }
        AtomicBoolean broken = new AtomicBoolean(true);
        RecordingListener listener = new RecordingListener() {
            @Override
            public void onInsert(ChangeRecord record) {
                if (broken.get()) {
                    throw new Fatal();
                }
                super.onInsert(record);
            }
        };
        try (DynamoDbStreamPoller poller = poller(streamArn, listener).build()) {
            poller.start(Duration.ofMillis(20));
            assertThat(poller.isPolling()).isTrue();
            StreamTables.put(dynamoDb, "concurrency-loop-error", "a", 1);

            await().atMost(Duration.ofSeconds(10)).until(() -> !poller.isPolling());
            broken.set(false);
            poller.start(Duration.ofMillis(20));

            await().atMost(Duration.ofSeconds(10)).until(() -> listener.records.size() == 1);
            assertThat(poller.isPolling()).isTrue();
        }
    }

    @Test
    void givenExecutorRunsTheReadersAndIsLeftRunningOnClose() {
        String streamArn = tableWithItems("concurrency-executor", 10);
        ExecutorService executor = Executors.newFixedThreadPool(2, runnable -> new Thread(runnable, "mine"));
        RecordingListener listener = new RecordingListener();
        try {
            try (DynamoDbStreamPoller poller = poller(streamArn, listener).executor(executor).build()) {
                poller.fetchStreamState();
            }

            assertThat(listener.threads).containsOnly("mine");
            assertThat(executor.isShutdown()).isFalse();
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void pollLoopDeliversNewChangesAndCloseLetsTheBatchInFlightFinishAndCheckpoint() throws Exception {
        DynamoDbClient dynamoDb = EMULATOR.dynamoDbClient();
        String streamArn = StreamTables.create(dynamoDb, "concurrency-loop");
        CountDownLatch inFlight = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        RecordingListener listener = new RecordingListener() {
            @Override
            public void onInsert(ChangeRecord record) {
                if (record.keys().get("id").s().equals("slow")) {
                    inFlight.countDown();
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                super.onInsert(record);
            }
        };
        DynamoDbStreamPoller poller = poller(streamArn, listener).shutdownTimeout(Duration.ofSeconds(10)).build();
        poller.start(Duration.ofMillis(20));
        StreamTables.put(dynamoDb, "concurrency-loop", "fast", 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> listener.records.size() == 1);
        StreamTables.put(dynamoDb, "concurrency-loop", "slow", 1);
        assertThat(inFlight.await(10, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Void> closing = CompletableFuture.runAsync(poller::close);
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> !closing.isDone());
        release.countDown();
        closing.get(10, TimeUnit.SECONDS);

        ChangeRecord slow = listener.records.get(1);
        assertThat(slow.keys().get("id").s()).isEqualTo("slow");
        assertThat(poller.shardState().get(slow.shardId()).sequenceNumber()).isEqualTo(slow.sequenceNumber());
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(thread -> thread.getName().startsWith(
                "dynamodb-stream-poll-") && thread.isAlive());
    }
}
