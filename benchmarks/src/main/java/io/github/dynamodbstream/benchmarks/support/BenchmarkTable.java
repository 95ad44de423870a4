package io.github.dynamodbstream.benchmarks.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/** A table with a {@code NEW_AND_OLD_IMAGES} stream, and the writers that load it. */
public final class BenchmarkTable {

    private static final int BATCH = 25;

    private final DynamoDbClient dynamoDb;
    private final String name;
    private final String streamArn;

    private BenchmarkTable(DynamoDbClient dynamoDb, String name, String streamArn) {
        this.dynamoDb = dynamoDb;
        this.name = name;
        this.streamArn = streamArn;
    }

    /**
     * Creates the table and waits until it is ACTIVE; its stream has as many open shards as the emulator gives a new
     * stream.
     */
    public static BenchmarkTable create(DynamoDbClient dynamoDb, String name) {
        String arn = dynamoDb.createTable(b -> b.tableName(name)
                        .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
                        .attributeDefinitions(AttributeDefinition.builder().attributeName("id")
                                .attributeType(ScalarAttributeType.N).build())
                        .billingMode(BillingMode.PAY_PER_REQUEST)
                        .streamSpecification(s -> s.streamEnabled(true)
                                .streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)))
                .tableDescription().latestStreamArn();
        try (DynamoDbWaiter waiter = DynamoDbWaiter.builder().client(dynamoDb)
                .overrideConfiguration(wait -> wait.backoffStrategyV2(
                        BackoffStrategy.fixedDelayWithoutJitter(Duration.ofMillis(10))))
                .build()) {
            waiter.waitUntilTableExists(request -> request.tableName(name));
        }
        return new BenchmarkTable(dynamoDb, name, arn);
    }

    public String name() {
        return name;
    }

    public String streamArn() {
        return streamArn;
    }

    /**
     * Writes items {@code firstId} to {@code firstId + count - 1} as fast as it can with {@code BatchWriteItem}
     * (25 items a call) on {@code threads} threads.
     *
     * @return when the first call was sent and the last one acknowledged
     */
    public WriteWindow writeAsFastAsPossible(long firstId, int count, int threads) {
        AtomicLong next = new AtomicLong(firstId);
        long end = firstId + count;
        ExecutorService writers = Executors.newFixedThreadPool(threads, named("benchmark-writer-"));
        long startMicros = MicroClock.nowMicros();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(writers.submit(() -> {
                    long from;
                    while ((from = next.getAndAdd(BATCH)) < end) {
                        writeBatch(from, Math.min(end, from + BATCH));
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("Writing " + count + " items to " + name + " failed", e);
        } finally {
            writers.shutdownNow();
        }
        return new WriteWindow(startMicros, MicroClock.nowMicros());
    }

    /**
     * Writes items one by one with {@code PutItem} at a steady rate, each on its own tick.
     *
     * @return when each write was acknowledged, by position from {@code firstId}
     */
    public AtomicLongArray writeSteadily(long firstId, int perSecond, Duration duration) {
        int count = (int) (perSecond * duration.toSeconds());
        AtomicLongArray acknowledged = new AtomicLongArray(count);
        AtomicLong next = new AtomicLong();
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(named("benchmark-writer-"));
        long periodMicros = 1_000_000L / perSecond;
        ScheduledFuture<?> ticks = ticker.scheduleAtFixedRate(() -> {
            long index = next.getAndIncrement();
            if (index < count) {
                dynamoDb.putItem(b -> b.tableName(name).item(OrderItem.attributes(firstId + index)));
                acknowledged.set((int) index, MicroClock.nowMicros());
            }
        }, 0, periodMicros, TimeUnit.MICROSECONDS);
        try {
            while (next.get() < count && !ticks.isDone()) {
                Pause.millis(20);
            }
            if (ticks.isDone()) {
                ticks.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("Steady writes to " + name + " failed", e);
        } finally {
            ticks.cancel(false);
            ticker.shutdown();
        }
        try {
            ticker.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return acknowledged;
    }

    /** Deletes the table (its stream stays readable, as in DynamoDB). */
    public void delete() {
        dynamoDb.deleteTable(b -> b.tableName(name));
    }

    private void writeBatch(long from, long to) {
        List<WriteRequest> batch = new ArrayList<>(BATCH);
        for (long id = from; id < to; id++) {
            batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(OrderItem.attributes(id)).build())
                    .build());
        }
        Map<String, List<WriteRequest>> unprocessed = Map.of(name, batch);
        while (!unprocessed.isEmpty()) {
            Map<String, List<WriteRequest>> request = unprocessed;
            unprocessed = dynamoDb.batchWriteItem(b -> b.requestItems(request)).unprocessedItems();
        }
    }

    private static java.util.concurrent.ThreadFactory named(String prefix) {
        AtomicLong counter = new AtomicLong();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * When a burst of writes began and ended.
     *
     * @param firstSentMicros when the first call was sent
     * @param lastAcknowledgedMicros when the last call was acknowledged
     */
    public record WriteWindow(long firstSentMicros, long lastAcknowledgedMicros) {
    }
}
