package io.github.dynamodbstream.core.poller;

import io.github.dynamodbstream.emulator.DynamoDbEmulatorExtension;
import java.util.Map;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** Tables with streams on the emulator, and writes whose order a test can check: item {@code id} gets versions 1, 2, ... */
final class StreamTables {

    private StreamTables() {
    }

    /** Creates a table keyed by {@code id} with a stream, and returns the stream's ARN. */
    static String create(DynamoDbClient dynamoDb, String table, StreamViewType viewType) {
        dynamoDb.createTable(request -> request.tableName(table)
                .keySchema(key -> key.attributeName("id").keyType(KeyType.HASH))
                .attributeDefinitions(attribute -> attribute.attributeName("id").attributeType(ScalarAttributeType.S))
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .streamSpecification(stream -> stream.streamEnabled(true).streamViewType(viewType)));
        return dynamoDb.describeTable(request -> request.tableName(table)).table().latestStreamArn();
    }

    static String create(DynamoDbClient dynamoDb, String table) {
        return create(dynamoDb, table, StreamViewType.NEW_AND_OLD_IMAGES);
    }

    /** Writes version {@code version} of item {@code id}. */
    static void put(DynamoDbClient dynamoDb, String table, String id, int version) {
        dynamoDb.putItem(request -> request.tableName(table).item(Map.of(
                "id", AttributeValue.fromS(id), "v", AttributeValue.fromN(Integer.toString(version)))));
    }

    static void delete(DynamoDbClient dynamoDb, String table, String id) {
        dynamoDb.deleteItem(request -> request.tableName(table).key(Map.of("id", AttributeValue.fromS(id))));
    }

    /** A streams client that does not retry by itself, so that the poller's retry policy is what a test sees. */
    static DynamoDbStreamsClient streamsClientWithoutRetries(DynamoDbEmulatorExtension emulator) {
        return emulator.streamsClientBuilder()
                .overrideConfiguration(config -> config.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }
}
