package io.github.dynamodbstream.core.internal.checkpoint;

import io.github.dynamodbstream.core.DynamoDbStreamException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/** Checks that the checkpoint table exists with the expected key, and creates it when asked. */
public final class CheckpointTable {

    private static final Logger log = LoggerFactory.getLogger(CheckpointTable.class);

    private static final List<KeySchemaElement> KEY_SCHEMA = List.of(
            KeySchemaElement.builder().attributeName(CheckpointItem.CONSUMER_STREAM).keyType(KeyType.HASH).build(),
            KeySchemaElement.builder().attributeName(CheckpointItem.SHARD_ID).keyType(KeyType.RANGE).build());

    private final DynamoDbClient client;
    private final String tableName;

    public CheckpointTable(DynamoDbClient client, String tableName) {
        this.client = client;
        this.tableName = tableName;
    }

    /**
     * Makes sure the table exists and has the checkpoint key schema; creates it (on-demand capacity) and waits
     * until it is active when {@code create} is set.
     */
    public void verify(boolean create) {
        TableDescription table;
        try {
            table = describe();
        } catch (ResourceNotFoundException e) {
            if (!create) {
                throw new DynamoDbStreamException("The checkpoint table '" + tableName + "' does not exist. Create it "
                        + "(partition key '" + CheckpointItem.CONSUMER_STREAM + "' and sort key '"
                        + CheckpointItem.SHARD_ID + "', both strings) or set createTableIfMissing(true).", e);
            }
            table = create();
        } catch (SdkException e) {
            throw failure("dynamodb:DescribeTable", e);
        }
        if (!table.keySchema().equals(KEY_SCHEMA)) {
            throw new DynamoDbStreamException("The table '" + tableName + "' is not a checkpoint table: its key is "
                    + table.keySchema() + ", expected partition key '" + CheckpointItem.CONSUMER_STREAM
                    + "' and sort key '" + CheckpointItem.SHARD_ID + "'. Choose another tableName.");
        }
    }

    private TableDescription describe() {
        return client.describeTable(request -> request.tableName(tableName)).table();
    }

    private TableDescription create() {
        try {
            client.createTable(request -> request
                    .tableName(tableName)
                    .keySchema(KEY_SCHEMA)
                    .attributeDefinitions(
                            stringAttribute(CheckpointItem.CONSUMER_STREAM), stringAttribute(CheckpointItem.SHARD_ID))
                    .billingMode(BillingMode.PAY_PER_REQUEST));
            log.info("Created checkpoint table '{}'", tableName);
        } catch (ResourceInUseException e) {
            log.debug("Checkpoint table '{}' is being created by another caller", tableName);
        } catch (SdkException e) {
            throw failure("dynamodb:CreateTable", e);
        }
        try (DynamoDbWaiter waiter = client.waiter()) {
            return waiter.waitUntilTableExists(request -> request.tableName(tableName))
                    .matched()
                    .response()
                    .orElseThrow(() -> new DynamoDbStreamException("The checkpoint table '" + tableName
                            + "' did not become ACTIVE. Check its status in the DynamoDB console."))
                    .table();
        } catch (SdkException e) {
            throw failure("dynamodb:DescribeTable", e);
        }
    }

    private static AttributeDefinition stringAttribute(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    /** A failed call on the table, naming the IAM action to check. */
    public DynamoDbStreamException failure(String action, SdkException cause) {
        return new DynamoDbStreamException(action + " on checkpoint table '" + tableName + "' failed: "
                + cause.getMessage() + ". Check that the table exists in this region and account, and that the "
                + "caller is allowed " + action + " on it.", cause);
    }
}
