package io.github.dynamodbstream.core.replica;

import io.github.dynamodbstream.core.record.ItemMapper;
import io.github.dynamodbstream.emulator.DynamoDbEmulatorExtension;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/** Tables keyed by {@code id} on the emulator, and what they hold. */
final class ReplicaTables {

    /** Keeps the images as they are, so that a replica can be compared with a scan. */
    static final ItemMapper<Map<String, AttributeValue>> IMAGES = image -> image;

    private ReplicaTables() {
    }

    static void create(DynamoDbClient dynamoDb, String table, StreamViewType viewType) {
        dynamoDb.createTable(request -> {
            request.tableName(table)
                    .keySchema(key -> key.attributeName("id").keyType(KeyType.HASH))
                    .attributeDefinitions(attribute -> attribute.attributeName("id")
                            .attributeType(ScalarAttributeType.S))
                    .billingMode(BillingMode.PAY_PER_REQUEST);
            if (viewType != null) {
                request.streamSpecification(stream -> stream.streamEnabled(true).streamViewType(viewType));
            }
        });
        DynamoDbEmulatorExtension.awaitActive(dynamoDb, table);
    }

    static void create(DynamoDbClient dynamoDb, String table) {
        create(dynamoDb, table, StreamViewType.NEW_AND_OLD_IMAGES);
    }

    static void put(DynamoDbClient dynamoDb, String table, String id, int version) {
        dynamoDb.putItem(request -> request.tableName(table).item(Map.of(
                "id", AttributeValue.fromS(id), "v", AttributeValue.fromN(Integer.toString(version)))));
    }

    static void delete(DynamoDbClient dynamoDb, String table, String id) {
        dynamoDb.deleteItem(request -> request.tableName(table).key(Map.of("id", AttributeValue.fromS(id))));
    }

    /** The table's items by {@code id}, read with a strongly consistent scan. */
    static Map<String, Map<String, AttributeValue>> scan(DynamoDbClient dynamoDb, String table) {
        Map<String, Map<String, AttributeValue>> items = new HashMap<>();
        dynamoDb.scanPaginator(request -> request.tableName(table).consistentRead(true)).items()
                .forEach(item -> items.put(item.get("id").s(), item));
        return items;
    }

    /** A replica's items by {@code id}. */
    static Map<String, Map<String, AttributeValue>> byId(DynamoDbTableReplica<Map<String, AttributeValue>> replica) {
        return replica.values().stream().collect(Collectors.toMap(item -> item.get("id").s(), item -> item));
    }

    static int version(Map<String, AttributeValue> item) {
        return item == null ? 0 : Integer.parseInt(item.get("v").n());
    }
}
