package io.github.dynamodbstream.kcl;

import io.github.dynamodbstream.emulator.DynamoDbEmulatorExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/** The table the module's tests read: on-demand, a string hash key {@code id}, and a stream. */
final class OrdersTable {

    private OrdersTable() {
    }

    /** Creates the table and waits until it is ACTIVE. */
    static void create(DynamoDbClient dynamoDb, String table, StreamViewType viewType) {
        dynamoDb.createTable(request -> request.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(key -> key.attributeName("id").keyType(KeyType.HASH))
                .attributeDefinitions(attribute -> attribute.attributeName("id")
                        .attributeType(ScalarAttributeType.S))
                .streamSpecification(spec -> spec.streamEnabled(true).streamViewType(viewType)));
        DynamoDbEmulatorExtension.awaitActive(dynamoDb, table);
    }
}
