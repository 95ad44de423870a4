package io.github.dynamodbstream.test;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * Tables for tests, keyed by the string attribute {@code id}, with on-demand capacity: each method creates one and
 * waits until it is ACTIVE, as an application must (the emulator may answer CREATING for a while). For tables with
 * other keys, use {@link EmbeddedDynamoDbStreams#tables()}.
 *
 * <pre>{@code
 * String streamArn = EmulatorTables.createWithStream(dynamoDb, "orders");
 * }</pre>
 */
public final class EmulatorTables {

    private EmulatorTables() {
    }

    /** Creates the table with a NEW_AND_OLD_IMAGES stream; returns the stream's ARN. */
    public static String createWithStream(DynamoDbClient client, String tableName) {
        return createWithStream(client, tableName, StreamViewType.NEW_AND_OLD_IMAGES);
    }

    /** Creates the table with a stream of {@code viewType}; returns the stream's ARN. */
    public static String createWithStream(DynamoDbClient client, String tableName, StreamViewType viewType) {
        return TableSpec.keyedById(tableName, viewType).create(client);
    }

    /** Creates the table without a stream. */
    public static void createWithoutStream(DynamoDbClient client, String tableName) {
        TableSpec.keyedById(tableName, null).create(client);
    }
}
