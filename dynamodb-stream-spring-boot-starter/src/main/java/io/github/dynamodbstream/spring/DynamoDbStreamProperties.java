package io.github.dynamodbstream.spring;

import io.github.dynamodbstream.core.ChangeType;
import io.github.dynamodbstream.core.ListenerFailureMode;
import io.github.dynamodbstream.core.StartingPosition;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of the DynamoDB stream consumers, under {@value #PREFIX}.
 *
 * <p>One stream is configured with the top-level keys:
 * <pre>
 * dynamodb.stream.table-name=orders
 * dynamodb.stream.item-type=com.example.Order
 * </pre>
 * Several streams are configured under {@code dynamodb.stream.streams.<name>}; each key of a stream falls back to
 * the top-level key of the same name. Resolved, per-stream values are given by {@link StreamDefinitions}.
 */
@ConfigurationProperties(DynamoDbStreamProperties.PREFIX)
public class DynamoDbStreamProperties {

    /** Prefix of every property of the starter. */
    public static final String PREFIX = "dynamodb.stream";

    /**
     * Whether to consume DynamoDB streams at all. When false, the starter creates none of its beans.
     */
    private boolean enabled = true;

    /**
     * ARN of the stream to read, for example
     * arn:aws:dynamodb:us-east-1:123456789012:table/orders/stream/2024-05-01T12:00:00.000. Takes precedence over
     * table-name.
     */
    private String streamArn;

    /**
     * Name of the table whose stream to read; resolved at start to the table's latest stream ARN.
     */
    private String tableName;

    /**
     * Fully qualified name of the class that items are mapped to in events. Classes annotated with @DynamoDbBean or
     * @DynamoDbImmutable are mapped by the DynamoDB Enhanced Client, other classes by Jackson. When not set, items
     * are maps of plain Java values.
     */
    private String itemType;

    /**
     * Where a consumer without any checkpoint starts reading: LATEST (only changes made from now on) or TRIM_HORIZON
     * (every change the stream still holds).
     */
    private StartingPosition startingPosition = StartingPosition.LATEST;

    /**
     * Delay between the end of one poll of a stream and the start of the next.
     */
    private Duration pollInterval = Duration.ofSeconds(1);

    /**
     * Maximum number of records read by one GetRecords call, from 1 to 1000.
     */
    private int maxRecords = 1000;

    /**
     * Interval between two discoveries of the stream's shards (DescribeStream).
     */
    private Duration shardDiscoveryInterval = Duration.ofSeconds(30);

    /**
     * Endpoint of DynamoDB and DynamoDB Streams, for a local emulator or LocalStack. When not set, the SDK picks the
     * endpoint of the region.
     */
    private URI endpoint;

    /**
     * AWS region of the clients, for example us-east-1. When not set, the SDK's default region provider chain
     * decides.
     */
    private String region;

    /**
     * Name of the consumer, which keys its checkpoints: two applications with different names each read every
     * record. Defaults to spring.application.name, or "default".
     */
    private String consumerName;

    /**
     * What to do with a record the listeners keep failing on once the retries are spent: BLOCK keeps the shard at
     * that record and delivers it again every poll until a listener accepts it (nothing is given up on), SKIP gives
     * it up (a RecordFailedEvent is published) and goes on with the next record, DEAD_LETTER writes it to the
     * dead-letter store, then goes on as SKIP does.
     */
    private ListenerFailureMode onFailure = ListenerFailureMode.BLOCK;

    /**
     * Age after which a record the listeners keep failing on is given up on, whatever on-failure says: it is
     * handled as SKIP (or written to the dead-letter store under DEAD_LETTER). Not set: a record of any age is kept
     * under BLOCK.
     */
    private Duration maxRecordAge;

    /**
     * How changes reach the listeners: RECORD publishes one ItemInsertedEvent, ItemModifiedEvent or
     * ItemRemovedEvent per change, BATCH one ItemChangesEvent per page of a shard.
     */
    private ListenerMode listenerMode = ListenerMode.RECORD;

    /**
     * Whether to start even when a listener of the stream's events runs asynchronously (@Async, an event
     * multicaster with an executor, @TransactionalEventListener): the checkpoint then moves before the listener's
     * work is done, so a crash can lose changes.
     */
    private boolean allowAsynchronousListeners;

    /**
     * Maximum time to wait on shutdown for the batch in flight to be delivered and checkpointed.
     */
    private Duration shutdownTimeout = Duration.ofSeconds(30);

    /**
     * Whether to start polling automatically when the application context is ready.
     */
    private boolean autoStartup = true;
    /**
     * How the application's instances share the streams: NONE (every instance reads every shard) or KCL (each
     * shard is processed by one instance at a time, coordinated by the Kinesis Client Library; needs the
     * io.github.dynamodbstream:dynamodb-stream-kcl dependency).
     */
    private StreamCoordination coordination = StreamCoordination.NONE;

    private final Credentials credentials = new Credentials();

    private final Checkpoint checkpoint = new Checkpoint();

    private final Retry retry = new Retry();

    private final Replica replica = new Replica();

    private final Filter filter = new Filter();

    private final DeadLetter deadLetter = new DeadLetter();

    /**
     * Streams by name, for applications that read several streams; each key falls back to the top-level key of
     * the same name.
     */
    private Map<String, Stream> streams = new LinkedHashMap<>();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getStreamArn() {
        return streamArn;
    }

    public void setStreamArn(String streamArn) {
        this.streamArn = streamArn;
    }

    public String getTableName() {
        return tableName;
    }

    public void setTableName(String tableName) {
        this.tableName = tableName;
    }

    public String getItemType() {
        return itemType;
    }

    public void setItemType(String itemType) {
        this.itemType = itemType;
    }

    public StartingPosition getStartingPosition() {
        return startingPosition;
    }

    public void setStartingPosition(StartingPosition startingPosition) {
        this.startingPosition = startingPosition;
    }

    public Duration getPollInterval() {
        return pollInterval;
    }

    public void setPollInterval(Duration pollInterval) {
        this.pollInterval = pollInterval;
    }

    public int getMaxRecords() {
        return maxRecords;
    }

    public void setMaxRecords(int maxRecords) {
        this.maxRecords = maxRecords;
    }

    public Duration getShardDiscoveryInterval() {
        return shardDiscoveryInterval;
    }

    public void setShardDiscoveryInterval(Duration shardDiscoveryInterval) {
        this.shardDiscoveryInterval = shardDiscoveryInterval;
    }

    public URI getEndpoint() {
        return endpoint;
    }

    public void setEndpoint(URI endpoint) {
        this.endpoint = endpoint;
    }

    public String getRegion() {
        return region;
    }

    public void setRegion(String region) {
        this.region = region;
    }

    public String getConsumerName() {
        return consumerName;
    }

    public void setConsumerName(String consumerName) {
        this.consumerName = consumerName;
    }

    public ListenerFailureMode getOnFailure() {
        return onFailure;
    }

    public void setOnFailure(ListenerFailureMode onFailure) {
        this.onFailure = onFailure;
    }

    public Duration getMaxRecordAge() {
        return maxRecordAge;
    }

    public void setMaxRecordAge(Duration maxRecordAge) {
        this.maxRecordAge = maxRecordAge;
    }

    public ListenerMode getListenerMode() {
        return listenerMode;
    }

    public void setListenerMode(ListenerMode listenerMode) {
        this.listenerMode = listenerMode;
    }

    public boolean isAllowAsynchronousListeners() {
        return allowAsynchronousListeners;
    }

    public void setAllowAsynchronousListeners(boolean allowAsynchronousListeners) {
        this.allowAsynchronousListeners = allowAsynchronousListeners;
    }

    public Filter getFilter() {
        return filter;
    }

    public DeadLetter getDeadLetter() {
        return deadLetter;
    }

    public Duration getShutdownTimeout() {
        return shutdownTimeout;
    }

    public void setShutdownTimeout(Duration shutdownTimeout) {
        this.shutdownTimeout = shutdownTimeout;
    }

    public boolean isAutoStartup() {
        return autoStartup;
    }

    public void setAutoStartup(boolean autoStartup) {
        this.autoStartup = autoStartup;
    }

    public StreamCoordination getCoordination() {
        return coordination;
    }

    public void setCoordination(StreamCoordination coordination) {
        this.coordination = coordination;
    }

    public Credentials getCredentials() {
        return credentials;
    }

    public Checkpoint getCheckpoint() {
        return checkpoint;
    }

    public Retry getRetry() {
        return retry;
    }

    public Replica getReplica() {
        return replica;
    }

    public Map<String, Stream> getStreams() {
        return streams;
    }

    public void setStreams(Map<String, Stream> streams) {
        this.streams = streams;
    }

    /** Static credentials; when not set, the SDK's default credentials provider chain is used. */
    public static class Credentials {

        /**
         * Access key id of static credentials. Use only for local emulators and tests: in AWS, prefer the default
         * chain (environment, profile, instance or task role).
         */
        private String accessKeyId;

        /**
         * Secret access key of static credentials, used together with access-key-id.
         */
        private String secretAccessKey;

        public String getAccessKeyId() {
            return accessKeyId;
        }

        public void setAccessKeyId(String accessKeyId) {
            this.accessKeyId = accessKeyId;
        }

        public String getSecretAccessKey() {
            return secretAccessKey;
        }

        public void setSecretAccessKey(String secretAccessKey) {
            this.secretAccessKey = secretAccessKey;
        }

        /** Whether both keys are set. */
        public boolean isConfigured() {
            return accessKeyId != null && !accessKeyId.isBlank() && secretAccessKey != null
                    && !secretAccessKey.isBlank();
        }

        /** Names whether credentials are set, never their values. */
        @Override
        public String toString() {
            return "Credentials[" + (isConfigured() ? "static" : "default chain") + "]";
        }
    }

    /** Where checkpoints are kept. */
    public static class Checkpoint {

        /**
         * Where checkpoints are kept: MEMORY (lost on restart), DYNAMODB (a DynamoDB table) or JDBC (a table of the
         * application's DataSource).
         */
        private CheckpointStore store = CheckpointStore.MEMORY;

        /**
         * Name of the checkpoint table of the DYNAMODB and JDBC stores. For JDBC, hyphens become underscores
         * (dynamodb_stream_checkpoints by default).
         */
        private String tableName = "dynamodb-stream-checkpoints";

        /**
         * Whether to create the checkpoint table at start when it does not exist.
         */
        private boolean createTable;

        public CheckpointStore getStore() {
            return store;
        }

        public void setStore(CheckpointStore store) {
            this.store = store;
        }

        public String getTableName() {
            return tableName;
        }

        public void setTableName(String tableName) {
            this.tableName = tableName;
        }

        public boolean isCreateTable() {
            return createTable;
        }

        public void setCreateTable(boolean createTable) {
            this.createTable = createTable;
        }
    }

    /** How often a record is delivered again when a listener throws on it, before on-failure applies. */
    public static class Retry {

        /**
         * Number of deliveries of a failing record in each poll, the first one included; 1 means no retry.
         */
        private int maxAttempts = 3;

        /**
         * Upper bound of the delay before the first retry; the bound doubles on each retry, up to max-backoff, and each delay is drawn at random below its bound (full jitter).
         */
        private Duration initialBackoff = Duration.ofMillis(200);

        /**
         * Longest delay between two deliveries of a failing record.
         */
        private Duration maxBackoff = Duration.ofSeconds(5);

        public int getMaxAttempts() {
            return maxAttempts;
        }

        public void setMaxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
        }

        public Duration getInitialBackoff() {
            return initialBackoff;
        }

        public void setInitialBackoff(Duration initialBackoff) {
            this.initialBackoff = initialBackoff;
        }

        public Duration getMaxBackoff() {
            return maxBackoff;
        }

        public void setMaxBackoff(Duration maxBackoff) {
            this.maxBackoff = maxBackoff;
        }
    }

    /**
     * Which records reach the listeners; the others are acknowledged without delivery and counted in
     * dynamodb.stream.records.filtered. Under dynamodb.stream.streams.<name>.filter, a key that is not set falls
     * back to dynamodb.stream.filter.
     */
    public static class Filter {

        /**
         * Change types delivered (INSERT, MODIFY, REMOVE); not set: every type.
         */
        private Set<ChangeType> changeTypes = new LinkedHashSet<>();

        /**
         * SpEL condition a record must meet to be delivered, evaluated on the record before any mapping. Its
         * variables: #type (INSERT, MODIFY or REMOVE, as a string), #keys, #newImage and #oldImage (plain maps:
         * strings, BigDecimal numbers, booleans, lists, maps, sets). Example: #type != 'REMOVE' and
         * #newImage['status'] == 'PAID'. Not set: every record.
         */
        private String condition;

        public Set<ChangeType> getChangeTypes() {
            return changeTypes;
        }

        public void setChangeTypes(Set<ChangeType> changeTypes) {
            this.changeTypes = changeTypes;
        }

        public String getCondition() {
            return condition;
        }

        public void setCondition(String condition) {
            this.condition = condition;
        }
    }

    /** Where records given up on are written when on-failure is DEAD_LETTER. */
    public static class DeadLetter {

        /**
         * Name of the DynamoDB table that dead letters are written to, unless the application has a
         * DeadLetterStore bean of its own.
         */
        private String tableName = "dynamodb-stream-dead-letters";

        /**
         * Whether to create the dead-letter table at start when it does not exist.
         */
        private boolean createTable;

        public String getTableName() {
            return tableName;
        }

        public void setTableName(String tableName) {
            this.tableName = tableName;
        }

        public boolean isCreateTable() {
            return createTable;
        }

        public void setCreateTable(boolean createTable) {
            this.createTable = createTable;
        }
    }

    /** One of several streams; every key that is not set falls back to the top-level key of the same name. */
    public static class Stream {

        /**
         * Whether to read this stream.
         */
        private Boolean enabled;

        /**
         * ARN of the stream to read. Takes precedence over table-name.
         */
        private String streamArn;

        /**
         * Name of the table whose stream to read; resolved at start to the table's latest stream ARN.
         */
        private String tableName;

        /**
         * Fully qualified name of the class that items of this stream are mapped to.
         */
        private String itemType;

        /**
         * Where a consumer without any checkpoint starts reading this stream.
         */
        private StartingPosition startingPosition;

        /**
         * Delay between the end of one poll of this stream and the start of the next.
         */
        private Duration pollInterval;

        /**
         * Maximum number of records read by one GetRecords call, from 1 to 1000.
         */
        private Integer maxRecords;

        /**
         * Interval between two discoveries of this stream's shards.
         */
        private Duration shardDiscoveryInterval;

        /**
         * Name of the consumer of this stream, which keys its checkpoints.
         */
        private String consumerName;

        /**
         * What to do with a record of this stream the listeners keep failing on.
         */
        private ListenerFailureMode onFailure;

        /**
         * Age after which a record of this stream the listeners keep failing on is given up on.
         */
        private Duration maxRecordAge;

        /**
         * How changes of this stream reach the listeners: RECORD or BATCH.
         */
        private ListenerMode listenerMode;

        private final Filter filter = new Filter();

        private final StreamRetry retry = new StreamRetry();

        private final StreamReplica replica = new StreamReplica();

        public Boolean getEnabled() {
            return enabled;
        }

        public void setEnabled(Boolean enabled) {
            this.enabled = enabled;
        }

        public String getStreamArn() {
            return streamArn;
        }

        public void setStreamArn(String streamArn) {
            this.streamArn = streamArn;
        }

        public String getTableName() {
            return tableName;
        }

        public void setTableName(String tableName) {
            this.tableName = tableName;
        }

        public String getItemType() {
            return itemType;
        }

        public void setItemType(String itemType) {
            this.itemType = itemType;
        }

        public StartingPosition getStartingPosition() {
            return startingPosition;
        }

        public void setStartingPosition(StartingPosition startingPosition) {
            this.startingPosition = startingPosition;
        }

        public Duration getPollInterval() {
            return pollInterval;
        }

        public void setPollInterval(Duration pollInterval) {
            this.pollInterval = pollInterval;
        }

        public Integer getMaxRecords() {
            return maxRecords;
        }

        public void setMaxRecords(Integer maxRecords) {
            this.maxRecords = maxRecords;
        }

        public Duration getShardDiscoveryInterval() {
            return shardDiscoveryInterval;
        }

        public void setShardDiscoveryInterval(Duration shardDiscoveryInterval) {
            this.shardDiscoveryInterval = shardDiscoveryInterval;
        }

        public String getConsumerName() {
            return consumerName;
        }

        public void setConsumerName(String consumerName) {
            this.consumerName = consumerName;
        }

        public ListenerFailureMode getOnFailure() {
            return onFailure;
        }

        public void setOnFailure(ListenerFailureMode onFailure) {
            this.onFailure = onFailure;
        }

        public Duration getMaxRecordAge() {
            return maxRecordAge;
        }

        public void setMaxRecordAge(Duration maxRecordAge) {
            this.maxRecordAge = maxRecordAge;
        }

        public ListenerMode getListenerMode() {
            return listenerMode;
        }

        public void setListenerMode(ListenerMode listenerMode) {
            this.listenerMode = listenerMode;
        }

        public Filter getFilter() {
            return filter;
        }

        public StreamRetry getRetry() {
            return retry;
        }

        public StreamReplica getReplica() {
            return replica;
        }
    }

    /** Listener retries of one stream; every key that is not set falls back to dynamodb.stream.retry. */
    public static class StreamRetry {

        /**
         * Number of deliveries of a failing record of this stream in each poll, the first one included.
         */
        private Integer maxAttempts;

        /**
         * Delay before the first retry.
         */
        private Duration initialBackoff;

        /**
         * Longest delay between two deliveries of a failing record.
         */
        private Duration maxBackoff;

        public Integer getMaxAttempts() {
            return maxAttempts;
        }

        public void setMaxAttempts(Integer maxAttempts) {
            this.maxAttempts = maxAttempts;
        }

        public Duration getInitialBackoff() {
            return initialBackoff;
        }

        public void setInitialBackoff(Duration initialBackoff) {
            this.initialBackoff = initialBackoff;
        }

        public Duration getMaxBackoff() {
            return maxBackoff;
        }

        public void setMaxBackoff(Duration maxBackoff) {
            this.maxBackoff = maxBackoff;
        }
    }

    /**
     * An in-memory copy of the table of each stream (a DynamoDbTableReplica bean), kept current by the stream's own
     * poller. Its stream must carry new images (view type NEW_IMAGE or NEW_AND_OLD_IMAGES).
     */
    public static class Replica {

        /**
         * Whether to keep an in-memory replica of the table of every stream, as a DynamoDbTableReplica bean typed by
         * the stream's item type. Until every replica holds its whole table, the application's readiness state is
         * REFUSING_TRAFFIC.
         */
        private boolean enabled;

        /**
         * Most items a replica may hold. When its table holds more, the replica stops with an error (and the health
         * is DOWN) rather than keep part of the table. When not set, there is no bound.
         */
        private Long maxItems;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public Long getMaxItems() {
            return maxItems;
        }

        public void setMaxItems(Long maxItems) {
            this.maxItems = maxItems;
        }
    }

    /** The replica of one stream's table; every key that is not set falls back to dynamodb.stream.replica. */
    public static class StreamReplica {

        /**
         * Whether to keep an in-memory replica of this stream's table, as a DynamoDbTableReplica bean qualified by
         * the stream's name.
         */
        private Boolean enabled;

        /**
         * Most items the replica of this stream's table may hold.
         */
        private Long maxItems;

        public Boolean getEnabled() {
            return enabled;
        }

        public void setEnabled(Boolean enabled) {
            this.enabled = enabled;
        }

        public Long getMaxItems() {
            return maxItems;
        }

        public void setMaxItems(Long maxItems) {
            this.maxItems = maxItems;
        }
    }
}
