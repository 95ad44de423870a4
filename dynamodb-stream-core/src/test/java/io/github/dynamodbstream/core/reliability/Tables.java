package io.github.dynamodbstream.core.reliability;

import io.github.dynamodbstream.emulator.DynamoDbEmulator;
import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** Tables with streams on an emulator, writes that carry a version per item, and clients that do not retry. */
final class Tables {

    private Tables() {
    }

    /** Creates a table keyed by {@code id} with a NEW_AND_OLD_IMAGES stream; returns the stream's ARN. */
    static String createWithStream(DynamoDbClient dynamoDb, String table) {
        dynamoDb.createTable(request -> request.tableName(table)
                .keySchema(key -> key.attributeName("id").keyType(KeyType.HASH))
                .attributeDefinitions(attribute -> attribute.attributeName("id").attributeType(ScalarAttributeType.S))
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .streamSpecification(stream -> stream.streamEnabled(true)
                        .streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
        return dynamoDb.describeTable(request -> request.tableName(table)).table().latestStreamArn();
    }

    /** Writes version {@code version} of item {@code id}. */
    static void put(DynamoDbClient dynamoDb, String table, String id, int version) {
        dynamoDb.putItem(request -> request.tableName(table).item(Map.of(
                "id", AttributeValue.fromS(id), "v", AttributeValue.fromN(Integer.toString(version)))));
    }

    static void delete(DynamoDbClient dynamoDb, String table, String id) {
        dynamoDb.deleteItem(request -> request.tableName(table).key(Map.of("id", AttributeValue.fromS(id))));
    }

    /** A DynamoDB client on the emulator that does not retry, so that a test sees every injected fault. */
    static DynamoDbClient dynamoDbWithoutRetries(DynamoDbEmulator emulator) {
        return DynamoDbClient.builder()
                .endpointOverride(emulator.endpoint())
                .region(Region.of(emulator.region()))
                .credentialsProvider(credentials())
                .overrideConfiguration(config -> config.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    /** A DynamoDB client on the emulator with the SDK's standard retries. */
    static DynamoDbClient dynamoDbWithRetries(DynamoDbEmulator emulator) {
        return DynamoDbClient.builder()
                .endpointOverride(emulator.endpoint())
                .region(Region.of(emulator.region()))
                .credentialsProvider(credentials())
                .build();
    }

    /** A streams client on the emulator that does not retry: the poller's retry policy is what a test sees. */
    static DynamoDbStreamsClient streamsWithoutRetries(DynamoDbEmulator emulator) {
        return streamsWithoutRetries(emulator.endpoint(), emulator.region());
    }

    static DynamoDbStreamsClient streamsWithoutRetries(URI endpoint, String region) {
        return DynamoDbStreamsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(region))
                .credentialsProvider(credentials())
                .overrideConfiguration(config -> config.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
    }
}
