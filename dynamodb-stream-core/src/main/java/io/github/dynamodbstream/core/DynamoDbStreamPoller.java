package io.github.dynamodbstream.core;

import io.github.dynamodbstream.core.checkpoint.InMemoryShardStateRepository;
import io.github.dynamodbstream.core.checkpoint.ShardCheckpoint;
import io.github.dynamodbstream.core.checkpoint.ShardStateRepository;
import io.github.dynamodbstream.core.failure.DeadLetterStore;
import io.github.dynamodbstream.core.failure.FailedRecordHandler;
import io.github.dynamodbstream.core.failure.ListenerFailureMode;
import io.github.dynamodbstream.core.failure.RetryBackoff;
import io.github.dynamodbstream.core.internal.api.StreamApi;
import io.github.dynamodbstream.core.internal.delivery.DeliveryPolicy;
import io.github.dynamodbstream.core.internal.delivery.DeliveryRules;
import io.github.dynamodbstream.core.internal.delivery.LoggingFailedRecordHandler;
import io.github.dynamodbstream.core.internal.delivery.RecordConverter;
import io.github.dynamodbstream.core.internal.read.ShardReader;
import io.github.dynamodbstream.core.internal.round.GuardedObserver;
import io.github.dynamodbstream.core.internal.round.PollLoop;
import io.github.dynamodbstream.core.internal.round.PollerThreads;
import io.github.dynamodbstream.core.internal.round.RoundRunner;
import io.github.dynamodbstream.core.internal.shard.Checkpoints;
import io.github.dynamodbstream.core.internal.shard.ShardDiscovery;
import io.github.dynamodbstream.core.record.ChangeRecord;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Reads a DynamoDB stream and hands its changes to a {@link StreamListener}: every change at least once, the changes
 * of one item in the order they were made, across shard rotations and splits.
 *
 * <pre>{@code
 * DynamoDbStreamPoller poller = DynamoDbStreamPoller.builder()
 *     .streamsClient(streamsClient)
 *     .streamArn(arn)
 *     .startingPosition(StartingPosition.LATEST)
 *     .listener(listener)
 *     .build();
 * PollResult result = poller.fetchStreamState();   // one round; or poller.start(Duration.ofSeconds(1))
 * }</pre>
 *
 * <p>A round ({@link #fetchStreamState()}) lists the stream's shards when a listing is due, reads every readable
 * shard until it is caught up (or a per-round cap), delivers the records, and saves a checkpoint (a sequence number)
 * after each batch the listener accepted. A child shard is read only after its parent was read to its end; shards
 * of different lineages are read at the same time on a bounded executor. A restarted poller with the same
 * {@link ShardStateRepository} and consumer name goes on after its checkpoints.
 *
 * <p>Rounds never overlap: a second caller of {@link #fetchStreamState()} waits until the round in progress ends.
 * The poller does not close the {@link DynamoDbStreamsClient}, nor an executor given to it; {@link #close()} stops
 * the poll loop and shuts down the executor the poller made itself.
 */
public final class DynamoDbStreamPoller implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DynamoDbStreamPoller.class);

    private final String streamArn;
    private final Checkpoints checkpoints;
    private final RoundRunner rounds;
    private final ExecutorService ownedExecutor;
    private final Duration shutdownTimeout;
    private final ReentrantLock roundLock = new ReentrantLock();
    private final Object lifecycle = new Object();
    private PollLoop loop;
    private volatile boolean closing;

    private DynamoDbStreamPoller(Builder builder) {
        this.streamArn = builder.streamArn;
        this.shutdownTimeout = builder.shutdownTimeout;
        StreamArn arn = StreamArn.parse(builder.streamArn);
        PollerObserver observer = GuardedObserver.of(builder.observer);
        StreamApi api = new StreamApi(builder.streamsClient, builder.apiRetryBackoff, observer);
        ShardStateRepository repository = builder.shardStateRepository == null
                ? new InMemoryShardStateRepository() : builder.shardStateRepository;
        this.checkpoints = new Checkpoints(repository, builder.consumerName, streamArn, builder.clock);
        ShardDiscovery discovery = new ShardDiscovery(api, streamArn, builder.clock, builder.discoveryInterval);
        DeliveryPolicy delivery = new DeliveryPolicy(builder.listener, builder.deliveryRules(), observer,
                builder.clock);
        ShardReader reader = new ShardReader(api, streamArn, builder.maxRecordsPerCall, builder.maxCallsPerShardPerRound,
                new RecordConverter(arn, builder.listener, observer), delivery, checkpoints, observer, builder.clock);
        this.ownedExecutor = builder.executor == null ? PollerThreads.readerPool(builder.maxConcurrentShards) : null;
        Executor executor = builder.executor == null ? ownedExecutor : builder.executor;
        this.rounds = new RoundRunner(discovery, checkpoints, reader, executor, builder.listener, observer, streamArn,
                builder.startingPosition);
    }

    /** A builder; {@code streamsClient}, {@code streamArn} and {@code listener} are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs one round: lists the shards when a listing is due, reads every readable shard until it is caught up or the
     * per-round cap is reached, delivers, and checkpoints. If a round is already running (another thread, or the
     * poll loop), this call waits for it to end first.
     *
     * @return what the round did; shards that failed are in {@link PollResult#failedShards()}
     * @throws StreamUnavailableException when the stream does not exist (its table was deleted, or the ARN is wrong)
     * @throws IllegalStateException when the poller is closed
     * @throws DynamoDbStreamException when the thread is interrupted while waiting for the round in progress, or
     *         when the poller's first listing of the stream's shards fails (a later listing that fails is logged
     *         at WARN, counted by {@link PollerObserver#shardListingFailed}, and tried again after a backoff, while
     *         the round reads the shards already known)
     */
    public PollResult fetchStreamState() {
        checkOpen();
        try {
            roundLock.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DynamoDbStreamException("Interrupted while waiting for the round in progress on " + streamArn, e);
        }
        try {
            checkOpen();
            return rounds.run(() -> closing);
        } finally {
            roundLock.unlock();
        }
    }

    /**
     * The checkpoints of the shards the poller keeps track of: finished shards until they leave the stream, and every
     * shard read so far.
     *
     * @return a copy, by shard id
     */
    public Map<String, ShardCheckpoint> shardState() {
        return checkpoints.snapshot();
    }

    /**
     * Runs rounds on a thread of its own ({@code dynamodb-stream-poll-<n>}) until {@link #close()}: the next round
     * starts right away when the last one left records behind, otherwise after {@code pollInterval}. A round that
     * fails with an exception is logged at ERROR and tried again after the interval.
     *
     * <p>The thread is not a daemon: it keeps the JVM running until {@link #close()}, as a server would, so a
     * {@code main} that only starts the poller keeps the process alive. Close the poller to stop, for example from
     * a shutdown hook ({@code Runtime.getRuntime().addShutdownHook}), which also runs on SIGTERM and Ctrl-C.
     *
     * <p>An {@link Error} thrown in a round (by the listener, for example) ends the loop: it is logged at ERROR,
     * {@link #isPolling()} turns {@code false}, and this method may be called again once the cause is fixed.
     *
     * @param pollInterval time between rounds when caught up, for example one second
     * @throws IllegalStateException when already polling, or closed
     */
    public void start(Duration pollInterval) {
        Objects.requireNonNull(pollInterval, "pollInterval");
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("pollInterval must be positive, got " + pollInterval);
        }
        synchronized (lifecycle) {
            checkOpen();
            if (loop != null && loop.isRunning()) {
                throw new IllegalStateException("The poller of " + streamArn + " is already started");
            }
            if (loop != null) {
                log.info("Starting to poll stream {} again; the last poll loop stopped on {}", streamArn,
                        loop.failure());
            }
            loop = new PollLoop(this::fetchStreamState, pollInterval, streamArn);
            loop.start();
        }
    }

    /**
     * Whether the poll loop runs rounds: {@link #start(Duration)} was called, the poller is not closed, and the loop
     * did not end on an {@link Error}.
     */
    public boolean isPolling() {
        synchronized (lifecycle) {
            return loop != null && loop.isRunning() && !closing;
        }
    }

    /**
     * Stops the poller: no new round starts, the round in progress ends after its batches in flight are delivered
     * and checkpointed (waiting at most the shutdown timeout), and the executor the poller made is shut down. The
     * streams client and an executor given to the builder are left open. Calling it again does nothing.
     */
    @Override
    public void close() {
        PollLoop running;
        synchronized (lifecycle) {
            if (closing) {
                return;
            }
            running = loop;
            if (running != null) {
                running.requestStop();
            }
            closing = true;
        }
        long deadline = System.nanoTime() + shutdownTimeout.toNanos();
        try {
            if (running != null && !running.await(shutdownTimeout)) {
                log.warn("The round on {} did not end within {}; it was interrupted", streamArn, shutdownTimeout);
            }
            if (roundLock.tryLock(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                roundLock.unlock();
            }
            if (ownedExecutor != null) {
                ownedExecutor.shutdown();
                if (!ownedExecutor.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    ownedExecutor.shutdownNow();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (ownedExecutor != null) {
                ownedExecutor.shutdownNow();
            }
        }
        log.info("Stopped reading stream {}", streamArn);
    }

    private void checkOpen() {
        if (closing) {
            throw new IllegalStateException("The poller of " + streamArn + " is closed; build a new one");
        }
    }

    /** Builds a {@link DynamoDbStreamPoller}. Options not set keep the defaults given on each method. */
    public static final class Builder {

        private DynamoDbStreamsClient streamsClient;
        private String streamArn;
        private StartingPosition startingPosition = StartingPosition.LATEST;
        private ShardStateRepository shardStateRepository;
        private StreamListener listener;
        private String consumerName = "default";
        private int maxRecordsPerCall = 1000;
        private int maxCallsPerShardPerRound = 10;
        private Duration discoveryInterval = Duration.ofSeconds(30);
        private RetryBackoff apiRetryBackoff = RetryBackoff.of(5, Duration.ofMillis(100), Duration.ofSeconds(5));
        private RetryBackoff listenerRetryBackoff = RetryBackoff.of(3, Duration.ofMillis(100), Duration.ofSeconds(2));
        private ListenerFailureMode listenerFailureMode = ListenerFailureMode.BLOCK;
        private FailedRecordHandler failedRecordHandler = new LoggingFailedRecordHandler();
        private DeadLetterStore deadLetterStore;
        private Duration maxRecordAge;
        private Predicate<ChangeRecord> recordFilter = record -> true;
        private Executor executor;
        private int maxConcurrentShards = 4;
        private Clock clock = Clock.systemUTC();
        private PollerObserver observer = PollerObserver.NONE;
        private Duration shutdownTimeout = Duration.ofSeconds(30);

        private Builder() {
        }

        /** The client to read the stream with. Required. The poller never closes it: the caller does. */
        public Builder streamsClient(DynamoDbStreamsClient streamsClient) {
            this.streamsClient = streamsClient;
            return this;
        }

        /** The stream's ARN (a table's {@code LatestStreamArn}). Required. */
        public Builder streamArn(String streamArn) {
            this.streamArn = streamArn;
            return this;
        }

        /**
         * Where a consumer with no checkpoint at all starts, for the shards open at that moment. Default
         * {@link StartingPosition#LATEST}. Shards found later always start at their oldest record.
         */
        public Builder startingPosition(StartingPosition startingPosition) {
            this.startingPosition = startingPosition;
            return this;
        }

        /** Where checkpoints are kept. Default: a new {@link InMemoryShardStateRepository} (lost on restart). */
        public Builder shardStateRepository(ShardStateRepository shardStateRepository) {
            this.shardStateRepository = shardStateRepository;
            return this;
        }

        /** Receives the changes. Required. */
        public Builder listener(StreamListener listener) {
            this.listener = listener;
            return this;
        }

        /**
         * Name of this consumer: checkpoints are kept per consumer name and stream. Pollers that read the same
         * stream for different purposes need different names. Default {@code "default"}.
         */
        public Builder consumerName(String consumerName) {
            this.consumerName = consumerName;
            return this;
        }

        /** Records asked for per {@code GetRecords} call, 1 to 1000. Default 1000. */
        public Builder maxRecordsPerCall(int maxRecordsPerCall) {
            this.maxRecordsPerCall = maxRecordsPerCall;
            return this;
        }

        /**
         * {@code GetRecords} calls per shard in one round, so that a round ends even on a busy shard; the rest is read
         * next round ({@link PollResult#caughtUp()} is then {@code false}). Default 10.
         */
        public Builder maxCallsPerShardPerRound(int maxCallsPerShardPerRound) {
            this.maxCallsPerShardPerRound = maxCallsPerShardPerRound;
            return this;
        }

        /**
         * Time between two full listings of the stream's shards ({@code DescribeStream}, limited to 10 calls a second
         * per account). Children of a shard read to its end are found at once without a full listing. Default 30 s.
         */
        public Builder discoveryInterval(Duration discoveryInterval) {
            this.discoveryInterval = discoveryInterval;
            return this;
        }

        /**
         * Retries of DynamoDB Streams calls that were throttled or failed with a 5xx or network error. Default: 5
         * attempts, 100 ms to 5 s apart, full jitter. Turn the SDK client's own retries down so they do not multiply.
         */
        public Builder apiRetryBackoff(RetryBackoff apiRetryBackoff) {
            this.apiRetryBackoff = apiRetryBackoff;
            return this;
        }

        /**
         * Attempts on a record the listener fails on, in each round, and the backoff between them. The records before
         * it are acknowledged; it is retried alone. Default: 3 attempts, 100 ms to 2 s apart, full jitter.
         */
        public Builder listenerRetryBackoff(RetryBackoff listenerRetryBackoff) {
            this.listenerRetryBackoff = listenerRetryBackoff;
            return this;
        }

        /**
         * What happens to a record the listener still fails on after its retries. Default
         * {@link ListenerFailureMode#BLOCK}: nothing is given up on. {@link ListenerFailureMode#DEAD_LETTER} needs
         * a {@link #deadLetterStore}.
         */
        public Builder listenerFailureMode(ListenerFailureMode listenerFailureMode) {
            this.listenerFailureMode = listenerFailureMode;
            return this;
        }

        /**
         * Receives each record given up on (one at a time), after its dead letter was written under
         * {@link ListenerFailureMode#DEAD_LETTER}. Default: logs the record at ERROR with its keys and sequence
         * number.
         */
        public Builder failedRecordHandler(FailedRecordHandler failedRecordHandler) {
            this.failedRecordHandler = failedRecordHandler;
            return this;
        }

        /** Where {@link ListenerFailureMode#DEAD_LETTER} writes the records it gives up on; required in that mode. */
        public Builder deadLetterStore(DeadLetterStore deadLetterStore) {
            this.deadLetterStore = deadLetterStore;
            return this;
        }

        /**
         * Age after which a record the listener keeps failing on is given up on even under
         * {@link ListenerFailureMode#BLOCK} (handed to the failed-record handler), measured from its approximate
         * creation time. Default {@code null}: a record of any age is kept.
         */
        public Builder maxRecordAge(Duration maxRecordAge) {
            this.maxRecordAge = maxRecordAge;
            return this;
        }

        /**
         * Which records the listener receives; the others are acknowledged without delivery and counted by
         * {@link PollerObserver#recordsFiltered}. Default: every record. A filter that throws on a record lets it
         * through (logged at WARN).
         */
        public Builder recordFilter(Predicate<ChangeRecord> recordFilter) {
            this.recordFilter = recordFilter;
            return this;
        }

        /**
         * Runs the shard readers. Default: a pool of {@link #maxConcurrentShards} daemon threads named
         * {@code dynamodb-stream-<n>}, shut down by {@link #close()}. An executor given here is never shut down by
         * the poller: the caller does. It should run every task it accepts, or refuse it with a
         * {@code RejectedExecutionException} (the shard then fails for the round). A read it drops without either
         * (a discard policy, {@code shutdownNow()}) is taken back, and counted as not caught up, when the poller
         * closes, the calling thread is interrupted, or the executor is shut down; until then the round waits.
         */
        public Builder executor(Executor executor) {
            this.executor = executor;
            return this;
        }

        /** Threads of the default executor: the most shards read at once. Default 4. */
        public Builder maxConcurrentShards(int maxConcurrentShards) {
            this.maxConcurrentShards = maxConcurrentShards;
            return this;
        }

        /** The clock for checkpoint times, listing intervals and lag. Default: the system clock, UTC. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** Sees API calls, throttles, deliveries, lag, failures and data loss, for metrics. Default: none. */
        public Builder observer(PollerObserver observer) {
            this.observer = observer;
            return this;
        }

        /** How long {@link #close()} waits for the batches in flight. Default 30 s. */
        public Builder shutdownTimeout(Duration shutdownTimeout) {
            this.shutdownTimeout = shutdownTimeout;
            return this;
        }

        /**
         * Builds the poller; nothing is called on the stream yet.
         *
         * @throws IllegalArgumentException naming the option, when one is missing or out of range, or when the stream
         *         ARN names another region than the streams client's
         */
        public DynamoDbStreamPoller build() {
            require(streamsClient, "streamsClient", "the DynamoDbStreamsClient to read with");
            require(streamArn, "streamArn", "the table's LatestStreamArn");
            require(listener, "listener", "the StreamListener that receives the changes");
            require(startingPosition, "startingPosition", "LATEST or TRIM_HORIZON");
            require(consumerName, "consumerName", "a name for this consumer");
            require(discoveryInterval, "discoveryInterval", "a duration");
            require(apiRetryBackoff, "apiRetryBackoff", "a RetryBackoff");
            require(listenerRetryBackoff, "listenerRetryBackoff", "a RetryBackoff");
            require(listenerFailureMode, "listenerFailureMode", "BLOCK, SKIP or DEAD_LETTER");
            require(recordFilter, "recordFilter", "a Predicate<ChangeRecord>");
            require(failedRecordHandler, "failedRecordHandler", "a FailedRecordHandler");
            require(clock, "clock", "a Clock");
            require(observer, "observer", "a PollerObserver, or PollerObserver.NONE");
            require(shutdownTimeout, "shutdownTimeout", "a duration");
            requireClientRegion(StreamArn.parse(streamArn), streamsClient);
            if (consumerName.isBlank()) {
                throw new IllegalArgumentException("consumerName must not be blank");
            }
            if (maxRecordsPerCall < 1 || maxRecordsPerCall > 1000) {
                throw new IllegalArgumentException(
                        "maxRecordsPerCall must be from 1 to 1000 (the GetRecords limit), got " + maxRecordsPerCall);
            }
            if (maxCallsPerShardPerRound < 1) {
                throw new IllegalArgumentException(
                        "maxCallsPerShardPerRound must be at least 1, got " + maxCallsPerShardPerRound);
            }
            if (maxConcurrentShards < 1) {
                throw new IllegalArgumentException("maxConcurrentShards must be at least 1, got " + maxConcurrentShards);
            }
            if (discoveryInterval.isNegative() || shutdownTimeout.isNegative()) {
                throw new IllegalArgumentException("discoveryInterval and shutdownTimeout must not be negative");
            }
            deliveryRules();
            return new DynamoDbStreamPoller(this);
        }

        private DeliveryRules deliveryRules() {
            return new DeliveryRules(listenerRetryBackoff, listenerFailureMode, maxRecordAge, recordFilter,
                    failedRecordHandler, deadLetterStore, consumerName);
        }

        /** DynamoDB Streams serves a stream only in its table's region: a client of another region never finds it. */
        private static void requireClientRegion(StreamArn arn, DynamoDbStreamsClient client) {
            Region region = client.serviceClientConfiguration().region();
            if (region != null && !region.id().equals(arn.region())) {
                throw new IllegalArgumentException("The stream ARN " + arn + " is in region " + arn.region()
                        + ", but the streams client calls region " + region.id() + ", where the stream cannot be "
                        + "found. Build the client with .region(Region.of(\"" + arn.region() + "\")), or use the "
                        + "stream ARN of the table in " + region.id() + ".");
            }
        }

        private static void require(Object value, String option, String what) {
            if (value == null) {
                throw new IllegalArgumentException(
                        "DynamoDbStreamPoller needs " + option + " (" + what + "); set it on the builder");
            }
        }
    }
}
