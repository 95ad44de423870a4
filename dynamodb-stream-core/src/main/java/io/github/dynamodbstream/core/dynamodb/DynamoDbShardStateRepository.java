package io.github.dynamodbstream.core.dynamodb;

import io.github.dynamodbstream.core.DynamoDbStreamException;
import io.github.dynamodbstream.core.checkpoint.CheckpointConflictException;
import io.github.dynamodbstream.core.checkpoint.ShardCheckpoint;
import io.github.dynamodbstream.core.checkpoint.ShardStateRepository;
import io.github.dynamodbstream.core.internal.checkpoint.CheckpointItem;
import io.github.dynamodbstream.core.internal.checkpoint.UnreadableCheckpointException;
import io.github.dynamodbstream.core.internal.table.KeyedTable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Keeps checkpoints in a DynamoDB table, so that a restarted poller resumes where the previous run stopped. One
 * table holds the checkpoints of any number of streams and consumers.
 *
 * <pre>{@code
 * ShardStateRepository repository = DynamoDbShardStateRepository.builder()
 *     .dynamoDbClient(dynamoDbClient)      // the caller owns and closes it
 *     .createTableIfMissing(true)
 *     .build();
 * }</pre>
 *
 * <h2>Table</h2>
 * Default name {@value #DEFAULT_TABLE_NAME}. Partition key {@code consumerStream} (string): the consumer name, a
 * {@code |}, and the stream ARN, for example {@code orders-replica|arn:aws:dynamodb:...:table/orders/stream/2024-...}.
 * Sort key {@code shardId} (string). Other attributes: {@code consumerName}, {@code streamArn},
 * {@code sequenceNumber} (absent when nothing was acknowledged), {@code position} (the sequence number in a form
 * DynamoDB can compare), {@code finished}, {@code updatedAt} (ISO-8601), {@code owner} (the id of the repository
 * instance that wrote the item) and {@code schemaVersion} (a number). {@link Builder#createTableIfMissing(boolean)}
 * creates it with on-demand capacity. Items of shards that left the stream are deleted by the poller through
 * {@link #remove}, so the table stays small.
 *
 * <h2>Safety</h2>
 * Every write is conditional. A checkpoint never moves backwards, and two pollers that run with the same consumer
 * name on the same stream by mistake are detected rather than overwriting each other: each repository instance has
 * its own {@link #ownerId()}, and an item may be written only by its owner, or by an instance that took it over with
 * {@link #takeOver} from a previous run ({@link #load} only reads). When another instance wrote the item since, or
 * the write would move the checkpoint backwards, {@link #save} throws a {@link CheckpointConflictException} that
 * names the consumer, stream, shard and both positions; the stored checkpoint is left as it was. A poller calls
 * {@code takeOver} once when it starts. An item written by a newer version of this library, or malformed, is
 * rejected with a {@link DynamoDbStreamException}, never misread.
 *
 * <h2>Errors and permissions</h2>
 * Throttling and server errors are retried by the client's retry policy. Other failures are thrown as a
 * {@link DynamoDbStreamException} naming the table and the IAM action to check. The caller needs these actions on
 * the table: {@code dynamodb:DescribeTable}, {@code dynamodb:Query}, {@code dynamodb:PutItem},
 * {@code dynamodb:DeleteItem}, and {@code dynamodb:CreateTable} when it creates the table.
 *
 * <p>Thread-safe.
 */
public final class DynamoDbShardStateRepository implements ShardStateRepository {

    /** The table name used when none is set. */
    public static final String DEFAULT_TABLE_NAME = "dynamodb-stream-checkpoints";

    private static final Logger log = LoggerFactory.getLogger(DynamoDbShardStateRepository.class);
    private static final int WRITE_ATTEMPTS = 3;

    private final DynamoDbClient client;
    private final String tableName;
    private final KeyedTable table;
    private final String ownerId = UUID.randomUUID().toString();
    /** Owners of items taken over by {@link #takeOver} that this instance has not written yet. */
    private final Map<ItemKey, String> ownersAtLoad = new ConcurrentHashMap<>();

    private DynamoDbShardStateRepository(Builder builder) {
        this.client = builder.client;
        this.tableName = builder.tableName;
        this.table = builder.verifiedTable(CheckpointItem.CONSUMER_STREAM, CheckpointItem.SHARD_ID);
        log.info("Checkpoints are kept in DynamoDB table '{}' (owner id {})", tableName, ownerId);
    }

    /** A builder; {@link Builder#dynamoDbClient} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The name of the checkpoint table. */
    public String tableName() {
        return tableName;
    }

    /** The id this instance writes into the {@code owner} attribute of the items it saves; random per instance. */
    public String ownerId() {
        return ownerId;
    }

    /**
     * {@inheritDoc}
     *
     * <p>One consistent, paged {@code Query}.
     *
     * @throws DynamoDbStreamException when an item was written by a newer version of this library or is malformed
     */
    @Override
    public Map<String, ShardCheckpoint> load(String consumerName, String streamArn) {
        Map<String, ShardCheckpoint> checkpoints = new HashMap<>();
        query(consumerName, streamArn).forEach(stored -> checkpoints.put(stored.checkpoint().shardId(),
                stored.checkpoint()));
        return Map.copyOf(checkpoints);
    }

    /**
     * {@inheritDoc}
     *
     * <p>One consistent, paged {@code Query}. Items written by an earlier run may be overwritten by this instance
     * from now on; items another instance writes after this call may not.
     *
     * @throws DynamoDbStreamException when an item was written by a newer version of this library or is malformed
     */
    @Override
    public Map<String, ShardCheckpoint> takeOver(String consumerName, String streamArn) {
        String consumerStream = consumerStream(consumerName, streamArn);
        Map<String, ShardCheckpoint> checkpoints = new HashMap<>();
        Map<String, String> owners = new HashMap<>();
        for (CheckpointItem stored : query(consumerName, streamArn)) {
            checkpoints.put(stored.checkpoint().shardId(), stored.checkpoint());
            owners.put(stored.checkpoint().shardId(), stored.owner());
        }
        ownersAtLoad.keySet().removeIf(key -> key.consumerStream().equals(consumerStream));
        owners.forEach((shardId, owner) -> {
            if (!owner.equals(ownerId)) {
                ownersAtLoad.put(new ItemKey(consumerStream, shardId), owner);
            }
        });
        Set<String> previousOwners = owners.values().stream()
                .filter(owner -> !owner.equals(ownerId))
                .collect(Collectors.toSet());
        log.info("Took over {} checkpoints of consumer '{}' on stream {} from table '{}'{}", checkpoints.size(),
                consumerName, streamArn, tableName,
                previousOwners.isEmpty() ? "" : " (written by " + previousOwners + ")");
        return Map.copyOf(checkpoints);
    }

    private List<CheckpointItem> query(String consumerName, String streamArn) {
        String consumerStream = consumerStream(consumerName, streamArn);
        QueryRequest query = QueryRequest.builder()
                .tableName(tableName)
                .keyConditionExpression("#consumerStream = :consumerStream")
                .expressionAttributeNames(Map.of("#consumerStream", CheckpointItem.CONSUMER_STREAM))
                .expressionAttributeValues(Map.of(":consumerStream", AttributeValue.fromS(consumerStream)))
                .consistentRead(true)
                .build();
        try {
            log.debug("Query {} for {}", tableName, consumerStream);
            return client.queryPaginator(query).items().stream().map(this::read).toList();
        } catch (SdkException e) {
            throw table.failure("dynamodb:Query", e);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>A conditional {@code PutItem}. Saving the stored checkpoint again is allowed.
     *
     * @throws CheckpointConflictException when the checkpoint would move backwards, or another repository instance
     *         wrote it after this one loaded it: two pollers share the consumer name
     */
    @Override
    public void save(String consumerName, String streamArn, ShardCheckpoint checkpoint) {
        Objects.requireNonNull(checkpoint, "checkpoint");
        String consumerStream = consumerStream(consumerName, streamArn);
        ItemKey key = new ItemKey(consumerStream, checkpoint.shardId());
        Map<String, AttributeValue> item =
                new CheckpointItem(consumerStream, consumerName, streamArn, checkpoint, ownerId).toItem();
        for (int attempt = 1; attempt <= WRITE_ATTEMPTS; attempt++) {
            OwnerCondition owners = new OwnerCondition(ownerId, ownersAtLoad.get(key));
            Map<String, AttributeValue> values = owners.values();
            values.put(":schemaVersion", AttributeValue.fromN(Integer.toString(CheckpointItem.SCHEMA_VERSION)));
            values.put(":position", item.get(CheckpointItem.POSITION));
            try {
                log.debug("PutItem {} {} shard {} at {}", tableName, consumerStream, key.shardId(), checkpoint);
                client.putItem(request -> request
                        .tableName(tableName)
                        .item(item)
                        .conditionExpression("attribute_not_exists(#shardId) OR (#schemaVersion <= :schemaVersion"
                                + " AND #position <= :position AND " + owners.expression() + ")")
                        .expressionAttributeNames(Map.of(
                                "#shardId", CheckpointItem.SHARD_ID,
                                "#schemaVersion", CheckpointItem.SCHEMA_VERSION_ATTRIBUTE,
                                "#position", CheckpointItem.POSITION,
                                "#owner", CheckpointItem.OWNER))
                        .expressionAttributeValues(values));
                ownersAtLoad.remove(key);
                return;
            } catch (ConditionalCheckFailedException e) {
                CheckpointItem stored = readItem(key);
                if (stored != null) {
                    rejectConflict(consumerName, streamArn, stored, checkpoint, owners);
                }
            } catch (SdkException e) {
                throw table.failure("dynamodb:PutItem", e);
            }
        }
        throw changingItem(consumerName, streamArn, key.shardId());
    }

    /**
     * {@inheritDoc}
     *
     * <p>A conditional {@code DeleteItem}; removing a checkpoint that is not there is allowed.
     *
     * @throws CheckpointConflictException when another repository instance wrote the checkpoint after this one
     *         loaded it: two pollers share the consumer name
     */
    @Override
    public void remove(String consumerName, String streamArn, String shardId) {
        Objects.requireNonNull(shardId, "shardId");
        String consumerStream = consumerStream(consumerName, streamArn);
        ItemKey key = new ItemKey(consumerStream, shardId);
        for (int attempt = 1; attempt <= WRITE_ATTEMPTS; attempt++) {
            OwnerCondition owners = new OwnerCondition(ownerId, ownersAtLoad.get(key));
            try {
                log.debug("DeleteItem {} {} shard {}", tableName, consumerStream, shardId);
                client.deleteItem(request -> request
                        .tableName(tableName)
                        .key(key.toKey())
                        .conditionExpression("attribute_not_exists(#shardId) OR " + owners.expression())
                        .expressionAttributeNames(Map.of(
                                "#shardId", CheckpointItem.SHARD_ID, "#owner", CheckpointItem.OWNER))
                        .expressionAttributeValues(owners.values()));
                ownersAtLoad.remove(key);
                return;
            } catch (ConditionalCheckFailedException e) {
                CheckpointItem stored = readItem(key);
                if (stored != null && !owners.allows(stored.owner())) {
                    throw otherOwner(consumerName, streamArn, stored, "remove it", owners);
                }
            } catch (SdkException e) {
                throw table.failure("dynamodb:DeleteItem", e);
            }
        }
        throw changingItem(consumerName, streamArn, shardId);
    }

    private void rejectConflict(String consumerName, String streamArn, CheckpointItem stored,
            ShardCheckpoint checkpoint, OwnerCondition owners) {
        if (!owners.allows(stored.owner())) {
            throw otherOwner(consumerName, streamArn, stored,
                    "save " + checkpoint.describePosition(), owners);
        }
        if (stored.checkpoint().isAfter(checkpoint)) {
            throw new CheckpointConflictException("Checkpoint of consumer '" + consumerName + "' on stream "
                    + streamArn + ", shard " + checkpoint.shardId() + " would move backwards from "
                    + stored.checkpoint().describePosition() + " (saved at "
                    + stored.checkpoint().updatedAt() + ") to " + checkpoint.describePosition()
                    + ". A checkpoint only moves forwards; the stored one in table '" + tableName
                    + "' was left as it was.");
        }
    }

    private CheckpointConflictException otherOwner(String consumerName, String streamArn, CheckpointItem stored,
            String attempted, OwnerCondition owners) {
        return new CheckpointConflictException("Checkpoint of consumer '" + consumerName + "' on stream " + streamArn
                + ", shard " + stored.checkpoint().shardId() + " in table '" + tableName
                + "' was written by another poller (owner " + stored.owner() + ", "
                + stored.checkpoint().describePosition() + ", at " + stored.checkpoint().updatedAt()
                + ") while this poller (owner " + owners.me() + ") tried to " + attempted + ". Two pollers are "
                + "running with the consumer name '" + consumerName + "' on this stream: give each its own consumer "
                + "name, or stop one. The stored checkpoint was left as it was.");
    }

    private DynamoDbStreamException changingItem(String consumerName, String streamArn, String shardId) {
        return new DynamoDbStreamException("Checkpoint of consumer '" + consumerName + "' on stream " + streamArn
                + ", shard " + shardId + " in table '" + tableName + "' changed under every one of "
                + WRITE_ATTEMPTS + " conditional writes. Check whether another process writes to this table.");
    }

    private CheckpointItem readItem(ItemKey key) {
        try {
            log.debug("Query {} for {} shard {}", tableName, key.consumerStream(), key.shardId());
            return client.query(request -> request
                            .tableName(tableName)
                            .keyConditionExpression("#consumerStream = :consumerStream AND #shardId = :shardId")
                            .expressionAttributeNames(Map.of(
                                    "#consumerStream", CheckpointItem.CONSUMER_STREAM,
                                    "#shardId", CheckpointItem.SHARD_ID))
                            .expressionAttributeValues(Map.of(
                                    ":consumerStream", AttributeValue.fromS(key.consumerStream()),
                                    ":shardId", AttributeValue.fromS(key.shardId())))
                            .consistentRead(true))
                    .items().stream()
                    .findFirst()
                    .map(this::read)
                    .orElse(null);
        } catch (SdkException e) {
            throw table.failure("dynamodb:Query", e);
        }
    }

    private CheckpointItem read(Map<String, AttributeValue> item) {
        try {
            return CheckpointItem.fromItem(item);
        } catch (UnreadableCheckpointException e) {
            throw new DynamoDbStreamException("The checkpoint item (" + CheckpointItem.CONSUMER_STREAM + "="
                    + describeKey(item, CheckpointItem.CONSUMER_STREAM) + ", " + CheckpointItem.SHARD_ID + "="
                    + describeKey(item, CheckpointItem.SHARD_ID) + ") in table '" + tableName + "' cannot be read: "
                    + e.getMessage() + (e.newerSchema() ? "." : ". Delete the item, or fix it; it was left as it was."),
                    e);
        }
    }

    private static String describeKey(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.s() == null ? "?" : "'" + value.s() + "'";
    }

    private static String consumerStream(String consumerName, String streamArn) {
        Objects.requireNonNull(consumerName, "consumerName");
        Objects.requireNonNull(streamArn, "streamArn");
        if (consumerName.isEmpty()) {
            throw new IllegalArgumentException("The consumer name must not be empty");
        }
        return CheckpointItem.consumerStream(consumerName, streamArn);
    }

    private record ItemKey(String consumerStream, String shardId) {

        Map<String, AttributeValue> toKey() {
            return Map.of(CheckpointItem.CONSUMER_STREAM, AttributeValue.fromS(consumerStream),
                    CheckpointItem.SHARD_ID, AttributeValue.fromS(shardId));
        }
    }

    /** Who may write an item: this instance, and the owner this instance saw when it loaded the item. */
    private record OwnerCondition(String me, String ownerAtLoad) {

        String expression() {
            return ownerAtLoad == null ? "#owner = :me" : "(#owner = :me OR #owner = :ownerAtLoad)";
        }

        Map<String, AttributeValue> values() {
            Map<String, AttributeValue> values = new HashMap<>();
            values.put(":me", AttributeValue.fromS(me));
            if (ownerAtLoad != null) {
                values.put(":ownerAtLoad", AttributeValue.fromS(ownerAtLoad));
            }
            return values;
        }

        boolean allows(String owner) {
            return me.equals(owner) || owner.equals(ownerAtLoad);
        }
    }

    /**
     * Builds a {@link DynamoDbShardStateRepository}; the table name defaults to
     * {@value DynamoDbShardStateRepository#DEFAULT_TABLE_NAME}.
     */
    public static final class Builder extends DynamoDbTableBuilder<Builder, DynamoDbShardStateRepository> {

        private Builder() {
            super("checkpoint", DEFAULT_TABLE_NAME, DynamoDbShardStateRepository::new);
        }
    }
}
