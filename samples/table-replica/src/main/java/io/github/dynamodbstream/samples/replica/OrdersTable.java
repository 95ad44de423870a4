package io.github.dynamodbstream.samples.replica;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/** The {@code orders} table: keyed by {@code id}, with a {@code NEW_AND_OLD_IMAGES} stream. */
final class OrdersTable {

    private OrdersTable() {
    }

    /**
     * Creates the table with a stream, unless it exists, and waits until it is ACTIVE, asking every 50 milliseconds
     * at first and every 5 seconds at most.
     *
     * @return whether it was created
     */
    static boolean createIfMissing(DynamoDbClient dynamoDb, String tableName) {
        try {
            dynamoDb.describeTable(request -> request.tableName(tableName));
            return false;
        } catch (ResourceNotFoundException e) {
            dynamoDb.createTable(request -> request
                    .tableName(tableName)
                    .attributeDefinitions(AttributeDefinition.builder()
                            .attributeName("id").attributeType(ScalarAttributeType.S).build())
                    .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .streamSpecification(spec -> spec.streamEnabled(true)
                            .streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
            try (DynamoDbWaiter waiter = DynamoDbWaiter.builder().client(dynamoDb)
                    .overrideConfiguration(wait -> wait.backoffStrategyV2(
                            BackoffStrategy.exponentialDelayWithoutJitter(Duration.ofMillis(50), Duration.ofSeconds(5))))
                    .build()) {
                waiter.waitUntilTableExists(request -> request.tableName(tableName));
            }
            return true;
        }
    }

    /** An order item; {@code cents} is the total in cents. */
    static Map<String, AttributeValue> order(String id, String customer, String status, long cents, long version) {
        return Map.of(
                "id", AttributeValue.fromS(id),
                "customer", AttributeValue.fromS(customer),
                "status", AttributeValue.fromS(status),
                "total", AttributeValue.fromN(BigDecimal.valueOf(cents, 2).toPlainString()),
                "version", AttributeValue.fromN(Long.toString(version)));
    }
}
