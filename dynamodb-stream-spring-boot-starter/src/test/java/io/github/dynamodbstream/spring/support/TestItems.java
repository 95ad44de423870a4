package io.github.dynamodbstream.spring.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

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

    /** Puts {@code count} items with ids {@code prefix-0} to {@code prefix-<count-1>}, 25 to a batch. */
    public static void putMany(DynamoDbClient client, String table, String prefix, int count) {
        List<WriteRequest> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(Map.of(
                    "id", AttributeValue.fromS(prefix + "-" + i),
                    "version", AttributeValue.fromN("1"),
                    "total", AttributeValue.fromN("1.50"))).build()).build());
            if (batch.size() == 25 || i == count - 1) {
                List<WriteRequest> requests = List.copyOf(batch);
                client.batchWriteItem(request -> request.requestItems(Map.of(table, requests)));
                batch.clear();
            }
        }
    }
}
