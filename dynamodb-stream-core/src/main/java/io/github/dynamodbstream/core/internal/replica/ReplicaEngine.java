package io.github.dynamodbstream.core.internal.replica;

import io.github.dynamodbstream.core.DataLoss;
import io.github.dynamodbstream.core.DynamoDbStreamPoller;
import io.github.dynamodbstream.core.PollResult;
import io.github.dynamodbstream.core.StartingPosition;
import io.github.dynamodbstream.core.StreamListener;
import io.github.dynamodbstream.core.StreamUnavailableException;
import io.github.dynamodbstream.core.internal.replica.Readiness.Step;
import io.github.dynamodbstream.core.record.ChangeRecord;
import io.github.dynamodbstream.core.replica.ReplicaFailedException.Reason;
import io.github.dynamodbstream.core.replica.ReplicaFailedException;
import io.github.dynamodbstream.core.replica.ReplicaListener;
import io.github.dynamodbstream.core.replica.ReplicaState;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Runs a replica: describes the table, takes the bookmark, scans, applies the stream, tells when it is ready, and
 * stops on a problem it cannot get past. Thread-safe.
 */
public final class ReplicaEngine<T> {

    private static final Logger log = LoggerFactory.getLogger(ReplicaEngine.class);
    private static final AtomicInteger SCAN_THREADS = new AtomicInteger();

    private final ReplicaSettings<T> settings;
    private final String tableName;
    private final ReplicaStore<T> store;
    private final Readiness readiness = new Readiness();
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final AtomicReference<Instant> newestApplied = new AtomicReference<>();
    private final StreamListener streamListener = new ReplicaStreamListener(this);
    private volatile ReplicaTable table;
    private volatile boolean lastRoundCaughtUp;
    private volatile ReplicaFailedException failure;
    private ExecutorService scanExecutor;
    private StandaloneLoop loop;

    public ReplicaEngine(ReplicaSettings<T> settings) {
        this.settings = settings;
        this.tableName = settings.tableName();
        this.store = new ReplicaStore<>(tableName, settings.maxItems(), settings.listeners());
    }

    /** Describes the table, runs the bookmark round on the caller's thread, then polls on a thread of its own. */
    public void start() {
        if (settings.streamsClient() == null) {
            throw new IllegalStateException("The replica of table '" + tableName + "' needs a streamsClient to run on"
                    + " its own: set it on the builder, or attach() the replica to a poller of yours");
        }
        readiness.begin();
        ReplicaTable described = describe(settings.streamsClient());
        DynamoDbStreamPoller.Builder builder = DynamoDbStreamPoller.builder()
                .streamsClient(settings.streamsClient())
                .streamArn(described.streamArn())
                .startingPosition(StartingPosition.LATEST)
                .consumerName("replica-" + tableName)
                .clock(settings.clock())
                .shutdownTimeout(settings.shutdownTimeout())
                .listener(streamListener);
        settings.pollerCustomizer().accept(builder);
        DynamoDbStreamPoller poller = builder.build();
        PollResult bookmark;
        try {
            bookmark = poller.fetchStreamState();
        } catch (RuntimeException e) {
            poller.close();
            ReplicaFailedException problem = new ReplicaFailedException(Reason.STREAM_UNAVAILABLE, tableName,
                    "Could not read the stream of table '" + tableName + "' (" + described.streamArn() + "): "
                            + e.getMessage(), e);
            fail(problem);
            throw problem;
        }
        log.info("Replicating table '{}' from stream {}", tableName, described.streamArn());
        StandaloneLoop standalone = new StandaloneLoop(poller, this::onRound, this::streamGone,
                () -> readiness.state() == ReplicaState.CATCHING_UP, settings.pollInterval(), tableName);
        synchronized (this) {
            if (isEnded()) {
                poller.close();
                return;
            }
            loop = standalone;
        }
        onRound(bookmark);
        standalone.start();
    }

    /** Describes the table; the application's poller feeds the replica from then on. */
    public void attach() {
        readiness.begin();
        ReplicaTable described = describe(settings.streamsClient());
        log.info("Replicating table '{}' from stream {}, fed by the application's poller", tableName,
                described.streamArn());
    }

    private ReplicaTable describe(DynamoDbStreamsClient streams) {
        try {
            ReplicaTable described = ReplicaTable.describe(settings.dynamoDbClient(), streams, tableName,
                    settings.streamArn());
            table = described;
            return described;
        } catch (ReplicaFailedException e) {
            fail(e);
            throw e;
        }
    }

    /** The listener an application's poller feeds the replica through. */
    public StreamListener streamListener() {
        return streamListener;
    }

    /**
     * Takes note of a round of the poller that feeds the replica: the first round without a failed shard starts the
     * scan; a caught-up round after the scan makes the replica ready.
     */
    public void onRound(PollResult result) {
        ReplicaState state = readiness.state();
        if (state == ReplicaState.NEW) {
            throw new IllegalStateException(notStarted());
        }
        if (state == ReplicaState.FAILED || state == ReplicaState.CLOSED) {
            return;
        }
        if (!result.dataLosses().isEmpty()) {
            dataLost(result.dataLosses().get(0));
            return;
        }
        if (result.streamProblem() != null) {
            fail(new ReplicaFailedException(Reason.STREAM_UNAVAILABLE, tableName, "The replica of table '"
                    + tableName + "' stopped: " + result.streamProblem()));
            return;
        }
        lastRoundCaughtUp = result.caughtUp();
        Step step = readiness.roundEnded(result.failedShards().isEmpty(), result.caughtUp());
        if (step == Step.START_SCAN) {
            startScan();
        } else if (step == Step.BECOME_READY) {
            store.dropTouchedKeys();
            log.info("The replica of table '{}' is ready: {} items", tableName, store.size());
            store.notify(ReplicaListener::onReady);
            ready.complete(null);
        }
    }

    private void startScan() {
        ReplicaTable described = table;
        int segments = settings.scanSegments();
        ExecutorService executor = Executors.newFixedThreadPool(segments, runnable -> {
            Thread thread = new Thread(runnable, "dynamodb-replica-scan-" + SCAN_THREADS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        synchronized (this) {
            if (isEnded()) {
                executor.shutdown();
                return;
            }
            scanExecutor = executor;
        }
        TableScan scan = new TableScan(settings.dynamoDbClient(), tableName, segments, settings.scanPageSize());
        long start = System.nanoTime();
        log.info("Scanning table '{}' in {} segments", tableName, segments);
        scan.run(executor, item -> store.scanned(described.keySchema().keyOf(item), map(item)), this::isEnded)
                .whenComplete((done, problem) -> {
                    executor.shutdown();
                    if (problem != null) {
                        scanFailed(problem instanceof CompletionException ? problem.getCause() : problem);
                        return;
                    }
                    if (isEnded()) {
                        return;
                    }
                    log.info("Scanned table '{}': {} items in {} ms; catching up with its stream", tableName,
                            scan.itemsRead(), Duration.ofNanos(System.nanoTime() - start).toMillis());
                    readiness.scanEnded();
                    wakeLoop();
                });
    }

    private void scanFailed(Throwable problem) {
        if (problem instanceof ReplicaFailedException replicaProblem) {
            fail(replicaProblem);
        } else if (!isEnded()) {
            fail(new ReplicaFailedException(Reason.SCAN_FAILED, tableName, "The scan of table '" + tableName
                    + "' failed: " + problem.getMessage() + ". Check the DynamoDbClient's permissions (dynamodb:Scan)"
                    + " and the table's read capacity, then start a new replica.", problem));
        }
    }

    private synchronized void wakeLoop() {
        if (loop != null) {
            loop.wakeUp();
        }
    }

    /** Applies a batch of one shard, in order. */
    void apply(List<ChangeRecord> records) {
        ReplicaState state = readiness.state();
        if (state == ReplicaState.NEW) {
            throw new IllegalStateException(notStarted());
        }
        ReplicaTable described = table;
        try {
            for (ChangeRecord record : records) {
                if (isEnded()) {
                    return;
                }
                Map<String, AttributeValue> key = described.keySchema().keyOf(record.keys());
                switch (record.type()) {
                    case INSERT, MODIFY -> store.streamPut(key, newItem(record));
                    case REMOVE -> store.streamRemove(key);
                }
                newestApplied.accumulateAndGet(record.approximateCreationTime(),
                        (newest, created) -> newest == null || created.isAfter(newest) ? created : newest);
            }
        } catch (ReplicaFailedException e) {
            fail(e);
        } catch (RuntimeException e) {
            fail(mappingFailed(e));
        }
    }

    private T newItem(ChangeRecord record) {
        if (!record.hasNewImage()) {
            throw new ReplicaFailedException(Reason.VIEW_TYPE, tableName, "Record " + record + " has no new image;"
                    + " a replica needs a stream with view type NEW_IMAGE or NEW_AND_OLD_IMAGES.");
        }
        return record.newItem(settings.itemMapper());
    }

    private T map(Map<String, AttributeValue> image) {
        try {
            return settings.itemMapper().map(image);
        } catch (RuntimeException e) {
            throw mappingFailed(e);
        }
    }

    private ReplicaFailedException mappingFailed(RuntimeException e) {
        return new ReplicaFailedException(Reason.MAPPING_FAILED, tableName, "The replica of table '" + tableName
                + "' stopped: an item could not be mapped: " + e.getMessage(), e);
    }

    void dataLost(DataLoss loss) {
        fail(new ReplicaFailedException(Reason.DATA_LOSS, tableName, "The replica of table '" + tableName
                + "' stopped: records of shard " + loss.shardId() + " were lost before they were read (" + loss.reason()
                + "), so the copy can no longer match the table. Close it and start a new replica; keep it under 24"
                + " hours behind (see lag())."));
    }

    private void streamGone(StreamUnavailableException e) {
        fail(new ReplicaFailedException(Reason.STREAM_UNAVAILABLE, tableName, "The replica of table '" + tableName
                + "' stopped: " + e.getMessage(), e));
    }

    private void fail(ReplicaFailedException problem) {
        if (!readiness.end(ReplicaState.FAILED)) {
            return;
        }
        failure = problem;
        log.error("The replica of table '{}' stopped: {}", tableName, problem.getMessage());
        stopThreads();
        store.notify(listener -> listener.onFailure(problem));
        ready.completeExceptionally(problem);
    }

    private synchronized void stopThreads() {
        if (loop != null) {
            loop.requestStop();
        }
        if (scanExecutor != null) {
            scanExecutor.shutdownNow();
        }
    }

    /** Stops the replica's threads (its own poller, the scan); the copy keeps its items and stops changing. */
    public void close() {
        if (!readiness.end(ReplicaState.CLOSED)) {
            awaitThreads();
            return;
        }
        ready.completeExceptionally(new IllegalStateException("The replica of table '" + tableName + "' was closed"
                + " before it was ready"));
        stopThreads();
        awaitThreads();
        log.info("Stopped the replica of table '{}'", tableName);
    }

    private void awaitThreads() {
        StandaloneLoop running;
        ExecutorService scanning;
        synchronized (this) {
            running = loop;
            scanning = scanExecutor;
        }
        try {
            if (running != null && !running.await(settings.shutdownTimeout())) {
                log.warn("The poller of the replica of table '{}' did not stop within {}", tableName,
                        settings.shutdownTimeout());
            }
            if (scanning != null && !scanning.awaitTermination(settings.shutdownTimeout().toMillis(),
                    TimeUnit.MILLISECONDS)) {
                log.warn("The scan of table '{}' did not stop within {}", tableName, settings.shutdownTimeout());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean isEnded() {
        ReplicaState state = readiness.state();
        return state == ReplicaState.FAILED || state == ReplicaState.CLOSED;
    }

    private String notStarted() {
        return "The replica of table '" + tableName + "' is not started: call start(), or attach() before the first"
                + " round of the poller that feeds it";
    }

    public void addListener(ReplicaListener<T> listener) {
        store.addListener(listener);
    }

    public T get(Map<String, AttributeValue> key) {
        return store.get(described().keySchema().keyOf(key));
    }

    public T get(Object partitionKey) {
        return store.get(described().keySchema().key(partitionKey));
    }

    public T get(Object partitionKey, Object sortKey) {
        return store.get(described().keySchema().key(partitionKey, sortKey));
    }

    public Collection<T> values() {
        checkNotFailed();
        return store.values();
    }

    public int size() {
        checkNotFailed();
        return store.size();
    }

    private ReplicaTable described() {
        checkNotFailed();
        ReplicaTable described = table;
        if (described == null) {
            throw new IllegalStateException(notStarted());
        }
        return described;
    }

    private void checkNotFailed() {
        ReplicaFailedException problem = failure;
        if (problem != null) {
            throw problem;
        }
    }

    public ReplicaState state() {
        return readiness.state();
    }

    public boolean isReady() {
        return readiness.state() == ReplicaState.READY;
    }

    public Optional<ReplicaFailedException> failure() {
        return Optional.ofNullable(failure);
    }

    public boolean awaitReady(Duration timeout) {
        try {
            ready.get(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ReplicaFailedException problem) {
                throw problem;
            }
            throw (IllegalStateException) e.getCause();
        }
    }

    public Duration lag() {
        Instant newest = newestApplied.get();
        if (lastRoundCaughtUp || newest == null) {
            return Duration.ZERO;
        }
        Duration lag = Duration.between(newest, settings.clock().instant());
        return lag.isNegative() ? Duration.ZERO : lag;
    }

    public String tableName() {
        return tableName;
    }
}
