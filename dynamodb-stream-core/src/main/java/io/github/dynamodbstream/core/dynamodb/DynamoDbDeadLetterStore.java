package io.github.dynamodbstream.core.dynamodb;

import io.github.dynamodbstream.core.DynamoDbStreamException;
import io.github.dynamodbstream.core.failure.DeadLetter;
import io.github.dynamodbstream.core.failure.DeadLetterStore;
import io.github.dynamodbstream.core.internal.deadletter.DeadLetterItem;
import io.github.dynamodbstream.core.internal.table.KeyedTable;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Keeps dead letters in a DynamoDB table: one item per record given up on, with its keys and images as DynamoDB
 * maps, its event name, shard, sequence number, stream, the consumer, the failure's class and message, and the
 * time it was given up on.
 *
 * <pre>{@code
 * DynamoDbDeadLetterStore deadLetters = DynamoDbDeadLetterStore.builder()
 *     .dynamoDbClient(dynamoDbClient)      // the caller owns and closes it
 *     .createTableIfMissing(true)
 *     .build();
 * // replay, once the listener is fixed:
 * for (DeadLetter letter : deadLetters.list("orders-service", streamArn)) {
 *     listener.onBatch(List.of(letter.record()));
 *     deadLetters.delete(letter);
 * }
 * }</pre>
 *
 * <h2>Table</h2>
 * Default name {@value #DEFAULT_TABLE_NAME}. Partition key {@code consumerStream} (string): the consumer name, a
 * {@code |} and the stream ARN. Sort key {@code position} (string): the shard id, a {@code |} and the sequence
 * number in a sortable form, so {@link #list} returns each shard's letters in sequence-number order. Other
 * attributes: {@code consumerName}, {@code streamArn}, {@code shardId}, {@code sequenceNumber}, {@code eventName},
 * {@code eventId}, {@code keys}, {@code newImage} and {@code oldImage} (maps), {@code approximateCreationTime},
 * {@code sizeBytes}, {@code timeToLiveDelete}, {@code failureClass}, {@code failureMessage} and {@code failedAt}
 * (ISO-8601). A letter written twice (after a crash) is one item. IAM actions: {@code dynamodb:DescribeTable},
 * {@code dynamodb:PutItem}, {@code dynamodb:Query}, {@code dynamodb:DeleteItem}, and {@code dynamodb:CreateTable}
 * when it creates the table.
 *
 * <p>Thread-safe.
 */
public final class DynamoDbDeadLetterStore implements DeadLetterStore {

    /** The table name used when none is set. */
    public static final String DEFAULT_TABLE_NAME = "dynamodb-stream-dead-letters";

    private static final Logger log = LoggerFactory.getLogger(DynamoDbDeadLetterStore.class);

    private final DynamoDbClient client;
    private final String tableName;
    private final KeyedTable table;

    private DynamoDbDeadLetterStore(Builder builder) {
        this.client = builder.client;
        this.tableName = builder.tableName;
        this.table = builder.verifiedTable(DeadLetterItem.CONSUMER_STREAM, DeadLetterItem.POSITION);
        log.info("Dead letters are kept in DynamoDB table '{}'", tableName);
    }

    /** A builder; {@link Builder#dynamoDbClient} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The name of the dead-letter table. */
    public String tableName() {
        return tableName;
    }

    /**
     * {@inheritDoc}
     *
     * <p>One {@code PutItem}; the SDK client's retry policy retries throttling and server errors.
     *
     * @throws DynamoDbStreamException naming the table and the IAM action, when the write fails
     */
    @Override
    public void write(DeadLetter letter) {
        Objects.requireNonNull(letter, "letter");
        try {
            client.putItem(request -> request.tableName(tableName).item(DeadLetterItem.toItem(letter)));
        } catch (SdkException e) {
            throw table.failure("dynamodb:PutItem", e);
        }
        log.debug("Wrote {} to {}", letter, tableName);
    }

    /**
     * Every dead letter of one consumer on one stream, each shard's in sequence-number order.
     *
     * @param consumerName the consumer name
     * @param streamArn the stream's ARN
     * @return the letters; empty when there are none
     */
    public List<DeadLetter> list(String consumerName, String streamArn) {
        QueryRequest query = QueryRequest.builder()
                .tableName(tableName)
                .keyConditionExpression("#consumerStream = :consumerStream")
                .expressionAttributeNames(Map.of("#consumerStream", DeadLetterItem.CONSUMER_STREAM))
                .expressionAttributeValues(Map.of(":consumerStream", AttributeValue.fromS(
                        DeadLetterItem.consumerStream(consumerName, streamArn))))
                .consistentRead(true)
                .build();
        try {
            return client.queryPaginator(query).items().stream().map(DeadLetterItem::fromItem).toList();
        } catch (SdkException e) {
            throw table.failure("dynamodb:Query", e);
        }
    }

    /**
     * Deletes a dead letter, once it was replayed.
     *
     * @param letter a letter returned by {@link #list}
     */
    public void delete(DeadLetter letter) {
        try {
            client.deleteItem(request -> request.tableName(tableName).key(DeadLetterItem.key(letter)));
        } catch (SdkException e) {
            throw table.failure("dynamodb:DeleteItem", e);
        }
    }

    /**
     * Builds a {@link DynamoDbDeadLetterStore}; the table name defaults to
     * {@value DynamoDbDeadLetterStore#DEFAULT_TABLE_NAME}.
     */
    public static final class Builder extends DynamoDbTableBuilder<Builder, DynamoDbDeadLetterStore> {

        private Builder() {
            super("dead-letter", DEFAULT_TABLE_NAME, DynamoDbDeadLetterStore::new);
        }
    }
}
