package io.github.dynamodbstream.core.internal.table;

import io.github.dynamodbstream.core.DynamoDbStreamException;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/**
 * A table of this library's own (checkpoints, dead letters) with a string partition key and a string sort key:
 * checks that it exists with that key, and creates it when asked.
 */
public final class KeyedTable {

    private static final Logger log = LoggerFactory.getLogger(KeyedTable.class);
    /**
     * How the wait for ACTIVE asks DescribeTable: soon at first (an emulator or a small table is ready in
     * milliseconds), then every 5 seconds at most, for up to 5 minutes.
     */
    private static final WaiterOverrideConfiguration UNTIL_ACTIVE = WaiterOverrideConfiguration.builder()
            .backoffStrategyV2(BackoffStrategy.exponentialDelayWithoutJitter(Duration.ofMillis(50),
                    Duration.ofSeconds(5)))
            .maxAttempts(Integer.MAX_VALUE)
            .waitTimeout(Duration.ofMinutes(5))
            .build();

    private final DynamoDbClient client;
    private final String tableName;
    private final String role;
    private final String partitionKey;
    private final String sortKey;
    private final List<KeySchemaElement> keySchema;

    /**
     * @param role what the table holds, in messages: {@code checkpoint} or {@code dead-letter}
     * @param partitionKey the name of the string partition key
     * @param sortKey the name of the string sort key
     */
    public KeyedTable(DynamoDbClient client, String tableName, String role, String partitionKey, String sortKey) {
        this.client = client;
        this.tableName = tableName;
        this.role = role;
        this.partitionKey = partitionKey;
        this.sortKey = sortKey;
        this.keySchema = List.of(
                KeySchemaElement.builder().attributeName(partitionKey).keyType(KeyType.HASH).build(),
                KeySchemaElement.builder().attributeName(sortKey).keyType(KeyType.RANGE).build());
    }

    /**
     * Checks what a builder of a store on such a table was given.
     *
     * @param client the client, required
     * @param tableName the table's name
     * @param role what the table holds, in messages
     * @throws IllegalStateException when the client is missing
     * @throws IllegalArgumentException when the name is not a DynamoDB table name
     */
    public static void checkSettings(DynamoDbClient client, String tableName, String role) {
        if (client == null) {
            throw new IllegalStateException("Set dynamoDbClient(...): the DynamoDB client that reads and writes the "
                    + role + " table");
        }
        if (tableName == null || !tableName.matches("[A-Za-z0-9_.-]{3,255}")) {
            throw new IllegalArgumentException("Invalid " + role + " table name '" + tableName + "': a DynamoDB "
                    + "table name is 3 to 255 of A-Z, a-z, 0-9, '_', '-' and '.'");
        }
    }

    /**
     * Makes sure the table exists and has its key schema; creates it (on-demand capacity) when {@code create} is
     * set. Waits until the table is ACTIVE when it is being created, by this call or another.
     */
    public void verify(boolean create) {
        TableDescription table;
        try {
            table = describe();
        } catch (ResourceNotFoundException e) {
            if (!create) {
                throw new DynamoDbStreamException("The " + role + " table '" + tableName + "' does not exist. Create "
                        + "it (partition key '" + partitionKey + "' and sort key '" + sortKey + "', both strings) or "
                        + "set createTableIfMissing(true).", e);
            }
            table = create();
        } catch (SdkException e) {
            throw failure("dynamodb:DescribeTable", e);
        }
        if (table.tableStatus() == TableStatus.CREATING) {
            table = awaitActive();
        }
        if (!table.keySchema().equals(keySchema)) {
            throw new DynamoDbStreamException("The table '" + tableName + "' is not a " + role + " table: its key is "
                    + table.keySchema() + ", expected partition key '" + partitionKey + "' and sort key '" + sortKey
                    + "'. Choose another tableName.");
        }
    }

    private TableDescription describe() {
        return client.describeTable(request -> request.tableName(tableName)).table();
    }

    private TableDescription create() {
        try {
            client.createTable(request -> request
                    .tableName(tableName)
                    .keySchema(keySchema)
                    .attributeDefinitions(stringAttribute(partitionKey), stringAttribute(sortKey))
                    .billingMode(BillingMode.PAY_PER_REQUEST));
            log.info("Created {} table '{}'", role, tableName);
        } catch (ResourceInUseException e) {
            log.debug("The {} table '{}' is being created by another caller", role, tableName);
        } catch (SdkException e) {
            throw failure("dynamodb:CreateTable", e);
        }
        return awaitActive();
    }

    private TableDescription awaitActive() {
        try (DynamoDbWaiter waiter = DynamoDbWaiter.builder().client(client).overrideConfiguration(UNTIL_ACTIVE)
                .build()) {
            return waiter.waitUntilTableExists(request -> request.tableName(tableName))
                    .matched()
                    .response()
                    .orElseThrow(() -> new DynamoDbStreamException("The " + role + " table '" + tableName
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
        return new DynamoDbStreamException(action + " on " + role + " table '" + tableName + "' failed: "
                + cause.getMessage() + ". Check that the table exists in this region and account, and that the "
                + "caller is allowed " + action + " on it.", cause);
    }
}
