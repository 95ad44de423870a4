package io.github.dynamodbstream.core.replica;

import io.github.dynamodbstream.core.DynamoDbStreamPoller;
import io.github.dynamodbstream.core.PollResult;
import io.github.dynamodbstream.core.StreamArn;
import io.github.dynamodbstream.core.StreamListener;
import io.github.dynamodbstream.core.internal.replica.ItemMappers;
import io.github.dynamodbstream.core.internal.replica.ReplicaEngine;
import io.github.dynamodbstream.core.internal.replica.ReplicaSettings;
import io.github.dynamodbstream.core.record.ItemMapper;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * A live, in-memory copy of a DynamoDB table, kept current by the table's stream.
 *
 * <pre>{@code
 * DynamoDbTableReplica<Order> orders = DynamoDbTableReplica.builder()
 *     .dynamoDbClient(dynamoDb)
 *     .streamsClient(streams)
 *     .tableName("orders")
 *     .itemType(Order.class)             // a @DynamoDbBean; or .itemMapper(..); or plain maps by default
 *     .build();
 * orders.start();
 * orders.awaitReady(Duration.ofMinutes(1));
 * Order order = orders.get("order-42");   // by partition key; get(pk, sk) for a table with a sort key
 * }</pre>
 *
 * <h2>How the copy is made</h2>
 * A first round of a new poller positions a reader at the tip of every shard (the bookmark); then the table is
 * scanned (strongly consistent, in parallel segments, page by page) while the stream keeps being applied from the
 * bookmarks. Once the stream has applied a change to a key, a scanned value of that key is dropped: the stream holds
 * every later change, so its value is at least as new. A scanned value of a key the stream has not touched is
 * kept. The changes of one key are applied in stream order. The replica is <em>ready</em> when the scan is done and
 * a round that started after it read every shard to its tip: from then on the copy holds every item of the table,
 * behind it by at most the time between rounds.
 *
 * <p>Reads are allowed at any time; before the replica is ready they may miss items ({@link #isReady()},
 * {@link #awaitReady(Duration)}). The stream must carry new images: view type {@code NEW_IMAGE} or
 * {@code NEW_AND_OLD_IMAGES}.
 *
 * <h2>Two ways to run it</h2>
 * <b>On its own</b>: {@link #start()} runs a poller of its own (consumer {@code replica-<table>}, starting at
 * {@code LATEST}, checkpoints in memory) on a thread named {@code dynamodb-replica-<table>}, and {@link #close()}
 * stops it. The builder's {@code streamsClient} is required.
 *
 * <p><b>Fed by a poller the application runs</b> (one reader per shard for both, which respects the limit of two
 * readers per shard): call {@link #attach()} before the poller's first round, pass every batch and data loss to
 * {@link #streamListener()}, and every round's result to {@link #onRound(PollResult)}. The poller must be new or
 * resume from its checkpoints without gaps (any starting position works); its first round without a failed shard
 * is the bookmark.
 * <pre>{@code
 * DynamoDbTableReplica<Map<String, Object>> replica = DynamoDbTableReplica.builder()
 *     .dynamoDbClient(dynamoDb).tableName("orders").build();
 * replica.attach();
 * StreamListener feed = replica.streamListener();
 * DynamoDbStreamPoller poller = DynamoDbStreamPoller.builder()
 *     .streamsClient(streams).streamArn(arn)
 *     .listener(new StreamListener() {
 *         public void onBatch(List<ChangeRecord> records) {
 *             feed.onBatch(records);                 // the replica first: it never throws
 *             applicationListener.onBatch(records);
 *         }
 *         public void onDataLoss(DataLoss loss) {
 *             feed.onDataLoss(loss);
 *             applicationListener.onDataLoss(loss);
 *         }
 *     })
 *     .observer(new PollerObserver() {
 *         public void roundCompleted(PollResult result, Duration duration) {
 *             replica.onRound(result);               // or after each poller.fetchStreamState()
 *         }
 *     })
 *     .build();
 * poller.start(Duration.ofSeconds(1));
 * }</pre>
 * The replica scans on threads of its own ({@code dynamodb-replica-scan-<n>}); {@link #close()} stops them and
 * leaves the application's poller alone.
 *
 * <h2>Failures</h2>
 * Problems found at start (no such table, no stream, a view type without new images) throw a
 * {@link ReplicaFailedException} from {@link #start()} or {@link #attach()}. Problems found later stop the replica
 * for good rather than leave a copy that silently differs from the table: more items than {@code maxItems}, stream
 * records lost (the replica fell more than 24 hours behind, or a shard vanished), the stream gone, an item that
 * cannot be mapped, a scan that failed. Then {@link #state()} is {@link ReplicaState#FAILED}, reads and
 * {@link #awaitReady(Duration)} throw the {@link ReplicaFailedException}, listeners hear
 * {@link ReplicaListener#onFailure}, and a fed replica ignores what its poller still hands it.
 *
 * <p>Thread-safe: reads from any thread while changes are applied. The client objects are not closed by the
 * replica.
 *
 * @param <T> the item type: plain maps ({@code Map<String, Object>}, as {@code ChangeRecord.newItem()} gives them)
 *        by default, an Enhanced Client bean with {@link Builder#itemType}, or any type with {@link Builder#itemMapper}
 */
public final class DynamoDbTableReplica<T> implements AutoCloseable {

    private final ReplicaEngine<T> engine;

    private DynamoDbTableReplica(ReplicaEngine<T> engine) {
        this.engine = engine;
    }

    /** A builder of a replica of plain maps; {@link Builder#itemType} or {@link Builder#itemMapper} change the type. */
    public static Builder<Map<String, Object>> builder() {
        return new Builder<>(ItemMappers.plain());
    }

    /**
     * Runs the replica on its own: describes the table and checks its stream, takes the bookmark (a first round of
     * its own poller, on the calling thread), then scans and polls on threads of its own. Returns before the copy is
     * complete: see {@link #awaitReady(Duration)}.
     *
     * @throws ReplicaFailedException when the table does not exist, has no stream, its stream's view type holds no
     *         new images, or the stream cannot be read
     * @throws IllegalStateException when already started or attached, or built without a streams client
     */
    public void start() {
        engine.start();
    }

    /**
     * Readies the replica to be fed by a poller the application runs: describes the table and checks its stream.
     * Call it before the poller's first round; see the class documentation for the rest.
     *
     * @throws ReplicaFailedException when the table does not exist, has no stream, or its stream's view type holds
     *         no new images
     * @throws IllegalStateException when already started or attached
     */
    public void attach() {
        engine.attach();
    }

    /**
     * The listener through which a poller of the application's feeds the replica; pass it every batch
     * ({@link StreamListener#onBatch}) and every data loss ({@link StreamListener#onDataLoss}). It never throws
     * once {@link #attach()} was called (a problem stops the replica instead), so it cannot hold up the poller.
     */
    public StreamListener streamListener() {
        return engine.streamListener();
    }

    /**
     * Tells the replica that a round of the poller that feeds it ended. Call it after every round, before the next
     * one starts (from {@code PollerObserver.roundCompleted}, or after each {@code fetchStreamState()}).
     *
     * @throws IllegalStateException when {@link #attach()} was not called
     */
    public void onRound(PollResult result) {
        engine.onRound(result);
    }

    /**
     * The item with the given key.
     *
     * @param key the item's key attributes (other attributes are ignored, so an item can be passed too)
     * @return the item, or {@code null} when the copy holds none with that key
     * @throws IllegalArgumentException when a key attribute is missing
     * @throws ReplicaFailedException when the replica stopped on a problem
     */
    public T get(Map<String, AttributeValue> key) {
        return engine.get(key);
    }

    /**
     * The item with the given partition key, in a table without a sort key. A string key takes a {@link String},
     * a number key a {@link Number}, a binary key a {@code byte[]}, {@code ByteBuffer} or {@code SdkBytes}.
     *
     * @return the item, or {@code null}
     * @throws IllegalArgumentException when the table has a sort key, or the value does not fit the key's type
     * @throws ReplicaFailedException when the replica stopped on a problem
     */
    public T get(Object partitionKey) {
        return engine.get(partitionKey);
    }

    /**
     * The item with the given partition and sort key, converted as in {@link #get(Object)}.
     *
     * @return the item, or {@code null}
     * @throws IllegalArgumentException when the table has no sort key, or a value does not fit its key's type
     * @throws ReplicaFailedException when the replica stopped on a problem
     */
    public T get(Object partitionKey, Object sortKey) {
        return engine.get(partitionKey, sortKey);
    }

    /**
     * The items, as a live, unmodifiable view: it follows the changes, and iterating it while they are applied is
     * safe (it may or may not show a change made meanwhile). Copy it for a snapshot.
     *
     * @throws ReplicaFailedException when the replica stopped on a problem
     */
    public Collection<T> values() {
        return engine.values();
    }

    /**
     * The number of items.
     *
     * @throws ReplicaFailedException when the replica stopped on a problem
     */
    public int size() {
        return engine.size();
    }

    /** Whether the copy holds every item of the table: scanned, and caught up with the stream since. */
    public boolean isReady() {
        return engine.isReady();
    }

    /**
     * Waits until the replica is ready.
     *
     * @return {@code true} when it is ready, {@code false} when the timeout passed first (or the thread was
     *         interrupted; the interrupt flag is kept)
     * @throws ReplicaFailedException when the replica stopped on a problem before it was ready
     * @throws IllegalStateException when the replica was closed before it was ready
     */
    public boolean awaitReady(Duration timeout) {
        return engine.awaitReady(timeout);
    }

    /** Where the replica is in its life. */
    public ReplicaState state() {
        return engine.state();
    }

    /** The problem the replica stopped on, if it did. */
    public Optional<ReplicaFailedException> failure() {
        return engine.failure();
    }

    /**
     * How far the copy is behind its table: zero when the last round read every shard to its tip, otherwise now
     * minus the approximate creation time (to the second) of the newest change applied.
     */
    public Duration lag() {
        return engine.lag();
    }

    /** The replicated table's name. */
    public String tableName() {
        return engine.tableName();
    }

    /** Adds a listener; it hears the changes applied from now on. */
    public void addListener(ReplicaListener<T> listener) {
        engine.addListener(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Stops the replica's threads: its own poller (after the round in progress) and the scan. The copy keeps its
     * items and no longer changes. A poller of the application's and the clients are left alone. Calling it again
     * does nothing.
     */
    @Override
    public void close() {
        engine.close();
    }

    /**
     * Builds a {@link DynamoDbTableReplica}. Required: {@code dynamoDbClient}, and {@code tableName} or
     * {@code streamArn}; {@code streamsClient} too to run on its own. Set {@link #itemType} or {@link #itemMapper}
     * before {@link #listener}.
     *
     * @param <T> the item type
     */
    public static final class Builder<T> {

        private DynamoDbClient dynamoDbClient;
        private DynamoDbStreamsClient streamsClient;
        private String tableName;
        private String streamArn;
        private ItemMapper<T> itemMapper;
        private Duration pollInterval = Duration.ofSeconds(1);
        private int scanSegments = 4;
        private int scanPageSize;
        private long maxItems = Long.MAX_VALUE;
        private Clock clock = Clock.systemUTC();
        private Duration shutdownTimeout = Duration.ofSeconds(30);
        private Consumer<DynamoDbStreamPoller.Builder> pollerCustomizer = poller -> { };
        private final List<ReplicaListener<T>> listeners = new ArrayList<>();

        private Builder(ItemMapper<T> itemMapper) {
            this.itemMapper = itemMapper;
        }

        /** The client to describe and scan the table with. Required; never closed by the replica. */
        public Builder<T> dynamoDbClient(DynamoDbClient dynamoDbClient) {
            this.dynamoDbClient = dynamoDbClient;
            return this;
        }

        /**
         * The client to read the stream with: required by {@link #start()}; with {@link #attach()}, used to check the
         * stream's view type ({@code DescribeStream}) when given. Never closed by the replica.
         */
        public Builder<T> streamsClient(DynamoDbStreamsClient streamsClient) {
            this.streamsClient = streamsClient;
            return this;
        }

        /** The table to replicate; its latest stream is followed. Either this or {@link #streamArn} is required. */
        public Builder<T> tableName(String tableName) {
            this.tableName = tableName;
            return this;
        }

        /** The stream to follow; the table's name is taken from it. Either this or {@link #tableName} is required. */
        public Builder<T> streamArn(String streamArn) {
            this.streamArn = streamArn;
            return this;
        }

        /**
         * Items as a class annotated with {@code @DynamoDbBean} or {@code @DynamoDbImmutable}, mapped by the DynamoDB
         * Enhanced Client as {@code ChangeRecord.newItem(Class)} does (needs
         * {@code software.amazon.awssdk:dynamodb-enhanced}).
         *
         * @throws IllegalArgumentException when the enhanced client is not on the class path
         * @throws IllegalStateException when a listener was set before
         */
        public <U> Builder<U> itemType(Class<U> itemType) {
            return withMapper(ItemMappers.forClass(Objects.requireNonNull(itemType, "itemType")));
        }

        /**
         * Items as the mapper makes them, from stream images and scanned items alike.
         *
         * @throws IllegalStateException when a listener was set before
         */
        public <U> Builder<U> itemMapper(ItemMapper<U> itemMapper) {
            return withMapper(Objects.requireNonNull(itemMapper, "itemMapper"));
        }

        @SuppressWarnings("unchecked")
        private <U> Builder<U> withMapper(ItemMapper<U> mapper) {
            if (!listeners.isEmpty()) {
                throw new IllegalStateException("Set itemType or itemMapper before adding listeners: the listeners"
                        + " are typed by the item type");
            }
            Builder<U> typed = (Builder<U>) this;
            typed.itemMapper = mapper;
            return typed;
        }

        /** Time between rounds of its own poller when caught up. Default 1 s. */
        public Builder<T> pollInterval(Duration pollInterval) {
            this.pollInterval = pollInterval;
            return this;
        }

        /** Parallel scan segments, each read by a thread of its own. Default 4. */
        public Builder<T> scanSegments(int scanSegments) {
            this.scanSegments = scanSegments;
            return this;
        }

        /**
         * Items per {@code Scan} page ({@code Limit}), to spread the scan's read capacity over more calls. Default:
         * pages of up to 1 MB.
         */
        public Builder<T> scanPageSize(int scanPageSize) {
            this.scanPageSize = scanPageSize;
            return this;
        }

        /**
         * The most items the copy may hold; past it the replica stops with a {@link ReplicaFailedException} rather
         * than keep part of the table. Default: no bound.
         */
        public Builder<T> maxItems(long maxItems) {
            this.maxItems = maxItems;
            return this;
        }

        /** Hears every change to the copy; may be called more than once. */
        public Builder<T> listener(ReplicaListener<T> listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** The clock for {@link DynamoDbTableReplica#lag()} and its own poller. Default: the system clock, UTC. */
        public Builder<T> clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** How long {@link DynamoDbTableReplica#close()} waits for each of its threads. Default 30 s. */
        public Builder<T> shutdownTimeout(Duration shutdownTimeout) {
            this.shutdownTimeout = shutdownTimeout;
            return this;
        }

        /**
         * Tunes the poller {@link #start()} builds (retries, observer, executor, ...), after the replica set its
         * stream, listener, consumer name {@code replica-<table>} and {@code LATEST} start. Do not replace the
         * listener.
         */
        public Builder<T> pollerCustomizer(Consumer<DynamoDbStreamPoller.Builder> pollerCustomizer) {
            this.pollerCustomizer = pollerCustomizer;
            return this;
        }

        /**
         * Builds the replica; nothing is called on the table yet.
         *
         * @throws IllegalArgumentException naming the option, when one is missing or out of range
         */
        public DynamoDbTableReplica<T> build() {
            require(dynamoDbClient, "dynamoDbClient", "the DynamoDbClient to describe and scan the table with");
            require(pollInterval, "pollInterval", "a duration");
            require(clock, "clock", "a Clock");
            require(shutdownTimeout, "shutdownTimeout", "a duration");
            require(pollerCustomizer, "pollerCustomizer", "a Consumer of DynamoDbStreamPoller.Builder");
            if (tableName == null && streamArn == null) {
                throw new IllegalArgumentException("DynamoDbTableReplica needs tableName (the table to replicate) or"
                        + " streamArn (its stream); set one on the builder");
            }
            String table = tableName;
            if (streamArn != null) {
                String fromArn = StreamArn.parse(streamArn).tableName();
                if (table != null && !table.equals(fromArn)) {
                    throw new IllegalArgumentException("streamArn " + streamArn + " is a stream of table '" + fromArn
                            + "', not of tableName '" + table + "'; set only one of them");
                }
                table = fromArn;
            }
            if (table.isBlank()) {
                throw new IllegalArgumentException("tableName must not be blank");
            }
            if (pollInterval.isNegative() || pollInterval.isZero()) {
                throw new IllegalArgumentException("pollInterval must be positive, got " + pollInterval);
            }
            if (shutdownTimeout.isNegative()) {
                throw new IllegalArgumentException("shutdownTimeout must not be negative, got " + shutdownTimeout);
            }
            if (scanSegments < 1 || scanSegments > 1_000_000) {
                throw new IllegalArgumentException(
                        "scanSegments must be from 1 to 1000000 (the Scan TotalSegments limit), got " + scanSegments);
            }
            if (scanPageSize < 0) {
                throw new IllegalArgumentException("scanPageSize must be 1 or more (0 for 1 MB pages), got "
                        + scanPageSize);
            }
            if (maxItems < 1) {
                throw new IllegalArgumentException("maxItems must be at least 1, got " + maxItems);
            }
            ReplicaSettings<T> settings = new ReplicaSettings<>(dynamoDbClient, streamsClient, table, streamArn,
                    itemMapper, pollInterval, scanSegments, scanPageSize, maxItems, clock, shutdownTimeout,
                    pollerCustomizer, listeners);
            return new DynamoDbTableReplica<>(new ReplicaEngine<>(settings));
        }

        private static void require(Object value, String option, String what) {
            if (value == null) {
                throw new IllegalArgumentException(
                        "DynamoDbTableReplica needs " + option + " (" + what + "); set it on the builder");
            }
        }
    }
}
