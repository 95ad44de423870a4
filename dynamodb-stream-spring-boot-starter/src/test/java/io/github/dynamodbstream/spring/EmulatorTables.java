package io.github.dynamodbstream.spring;

import io.github.dynamodbstream.emulator.DynamoDbEmulatorExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/** Creates tables in the emulator for tests. */
public final class EmulatorTables {

    private EmulatorTables() {
    }

    /**
     * Creates a table keyed by {@code id}, with a NEW_AND_OLD_IMAGES stream, and waits until it is ACTIVE; returns its
     * latest stream ARN.
     */
    public static String createWithStream(DynamoDbClient client, String tableName) {
        String streamArn = client.createTable(request -> request
                .tableName(tableName)
                .attributeDefinitions(AttributeDefinition.builder()
                        .attributeName("id").attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .streamSpecification(spec -> spec.streamEnabled(true)
                        .streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)))
                .tableDescription().latestStreamArn();
        DynamoDbEmulatorExtension.awaitActive(client, tableName);
        return streamArn;
    }

    /** Creates a table keyed by {@code id}, without a stream, and waits until it is ACTIVE. */
    public static void createWithoutStream(DynamoDbClient client, String tableName) {
        client.createTable(request -> request
                .tableName(tableName)
                .attributeDefinitions(AttributeDefinition.builder()
                        .attributeName("id").attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
                .billingMode(BillingMode.PAY_PER_REQUEST));
        DynamoDbEmulatorExtension.awaitActive(client, tableName);
    }
}
