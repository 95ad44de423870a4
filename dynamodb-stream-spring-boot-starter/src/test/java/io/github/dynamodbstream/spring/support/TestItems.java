package io.github.dynamodbstream.spring.support;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Writes, changes and deletes items keyed by {@code id} in the tests' tables. */
public final class TestItems {

    private TestItems() {
    }

    /** Puts an item with an id, a version and a total. */
    public static void put(DynamoDbClient client, String table, String id, int version) {
        client.putItem(request -> request.tableName(table).item(Map.of(
                "id", AttributeValue.fromS(id),
                "version", AttributeValue.fromN(Integer.toString(version)),
                "total", AttributeValue.fromN(version + ".50"))));
    }

    /** Deletes the item of that id. */
    public static void delete(DynamoDbClient client, String table, String id) {
        client.deleteItem(request -> request.tableName(table).key(Map.of("id", AttributeValue.fromS(id))));
    }
}
