package io.github.dynamodbstream.spring;

import io.github.dynamodbstream.core.StartingPosition;
import io.github.dynamodbstream.core.failure.ListenerFailureMode;
import io.github.dynamodbstream.core.record.ChangeType;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The settings of one stream, and their defaults. {@link DynamoDbStreamProperties} extends it: its keys under
 * {@code dynamodb.stream} are the single-stream shorthand and the defaults of every stream; each
 * {@code dynamodb.stream.streams.<name>} is one too. A stream's settings with every key it does not set taken from
 * the top level are given by {@link ConfiguredStream}.
 */
public class StreamProperties {

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
     * Where a consumer without any checkpoint starts reading: LATEST (only changes made from now on) or
     * TRIM_HORIZON (every change the stream still holds).
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

    private final Retry retry = new Retry();

    private final Replica replica = new Replica();

    private final Filter filter = new Filter();

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

    public Retry getRetry() {
        return retry;
    }

    public Replica getReplica() {
        return replica;
    }

    public Filter getFilter() {
        return filter;
    }

    /** How often a failing record is delivered again before on-failure applies. */
    public static class Retry {

        /**
         * Number of deliveries of a failing record in each poll, the first one included; 1 means no retry.
         */
        private int maxAttempts = 3;

        /**
         * Upper bound of the delay before the first retry; the bound doubles on each retry, up to max-backoff, and
         * each delay is drawn at random below its bound (full jitter).
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

    /** The in-memory replica of the stream's table. */
    public static class Replica {

        /**
         * Whether to keep an in-memory replica of the stream's table, as a DynamoDbTableReplica bean typed by the
         * stream's item type. Until every replica holds its whole table, the application's readiness state is
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

    /**
     * Which records reach the listeners; the others are acknowledged without delivery and counted in
     * dynamodb.stream.records.filtered.
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
}
