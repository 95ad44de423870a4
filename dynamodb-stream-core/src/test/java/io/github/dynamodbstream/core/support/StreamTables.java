package io.github.dynamodbstream.core.support;

import io.github.dynamodbstream.emulator.DynamoDbEmulator;
import io.github.dynamodbstream.emulator.DynamoDbEmulatorExtension;
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

/**
 * Tables with streams on the emulator, writes whose order a test can check (item {@code id} gets versions 1, 2, ...),
 * and clients that do not retry by themselves.
 */
public final class StreamTables {

    private StreamTables() {
    }

    /** Creates a table keyed by {@code id} with a stream, waits until it is ACTIVE, and returns the stream's ARN. */
    public static String create(DynamoDbClient dynamoDb, String table, StreamViewType viewType) {
        dynamoDb.createTable(request -> request.tableName(table)
                .keySchema(key -> key.attributeName("id").keyType(KeyType.HASH))
                .attributeDefinitions(attribute -> attribute.attributeName("id").attributeType(ScalarAttributeType.S))
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .streamSpecification(stream -> stream.streamEnabled(true).streamViewType(viewType)));
        DynamoDbEmulatorExtension.awaitActive(dynamoDb, table);
        return dynamoDb.describeTable(request -> request.tableName(table)).table().latestStreamArn();
    }

    /** Creates a table keyed by {@code id} with a NEW_AND_OLD_IMAGES stream, and returns the stream's ARN. */
    public static String create(DynamoDbClient dynamoDb, String table) {
        return create(dynamoDb, table, StreamViewType.NEW_AND_OLD_IMAGES);
    }

    /** Writes version {@code version} of item {@code id}. */
    public static void put(DynamoDbClient dynamoDb, String table, String id, int version) {
        dynamoDb.putItem(request -> request.tableName(table).item(Map.of(
                "id", AttributeValue.fromS(id), "v", AttributeValue.fromN(Integer.toString(version)))));
    }

    public static void delete(DynamoDbClient dynamoDb, String table, String id) {
        dynamoDb.deleteItem(request -> request.tableName(table).key(Map.of("id", AttributeValue.fromS(id))));
    }

    /** A streams client that does not retry by itself, so that the poller's retry policy is what a test sees. */
    public static DynamoDbStreamsClient streamsWithoutRetries(DynamoDbEmulatorExtension emulator) {
        return emulator.streamsClientBuilder()
                .overrideConfiguration(config -> config.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    /** A streams client on the emulator that does not retry: the poller's retry policy is what a test sees. */
    public static DynamoDbStreamsClient streamsWithoutRetries(DynamoDbEmulator emulator) {
        return streamsWithoutRetries(emulator.endpoint(), emulator.region());
    }

    public static DynamoDbStreamsClient streamsWithoutRetries(URI endpoint, String region) {
        return DynamoDbStreamsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(region))
                .credentialsProvider(credentials())
                .overrideConfiguration(config -> config.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    /** A DynamoDB client on the emulator that does not retry, so that a test sees every injected fault. */
    public static DynamoDbClient dynamoDbWithoutRetries(DynamoDbEmulator emulator) {
        return DynamoDbClient.builder()
                .endpointOverride(emulator.endpoint())
                .region(Region.of(emulator.region()))
                .credentialsProvider(credentials())
                .overrideConfiguration(config -> config.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    /** A DynamoDB client on the emulator with the SDK's standard retries. */
    public static DynamoDbClient dynamoDbWithRetries(DynamoDbEmulator emulator) {
        return DynamoDbClient.builder()
                .endpointOverride(emulator.endpoint())
                .region(Region.of(emulator.region()))
                .credentialsProvider(credentials())
                .build();
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
    }
}
