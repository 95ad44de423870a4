package io.github.dynamodbstream.test;

import io.github.dynamodbstream.emulator.EmulatorClients;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * A table of an {@link EmbeddedDynamoDbStreams.Table} or of {@link EmulatorTables}, checked, and how to create it
 * ({@code streamViewType} {@code null}: without a stream).
 */
record TableSpec(String name, String partitionKey, ScalarAttributeType partitionKeyType, String sortKey,
        ScalarAttributeType sortKeyType, StreamViewType streamViewType) {

    private static final Pattern TABLE_NAME = Pattern.compile("[a-zA-Z0-9_.-]{3,255}");

    static List<TableSpec> of(EmbeddedDynamoDbStreams.Table[] tables) {
        List<TableSpec> specs = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (EmbeddedDynamoDbStreams.Table table : tables) {
            TableSpec spec = of(table);
            if (!names.add(spec.name())) {
                throw new IllegalArgumentException("two tables are named '" + spec.name() + "': give each table "
                        + "a name of its own");
            }
            specs.add(spec);
        }
        return List.copyOf(specs);
    }

    private static TableSpec of(EmbeddedDynamoDbStreams.Table table) {
        String name = table.name();
        if (!TABLE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("table name '" + name + "' is not a DynamoDB table name: use 3 to 255 "
                    + "letters, digits, '_', '-' or '.'");
        }
        if (table.partitionKey().isBlank()) {
            throw new IllegalArgumentException("table '" + name + "' has no partitionKey: name its partition key "
                    + "attribute, for example partitionKey = \"id\"");
        }
        if (table.sortKey().equals(table.partitionKey())) {
            throw new IllegalArgumentException("table '" + name + "' names '" + table.sortKey() + "' as both "
                    + "partitionKey and sortKey: a sort key is another attribute, or leave it empty");
        }
        return new TableSpec(name, table.partitionKey(), keyType(name, "partitionKeyType", table.partitionKeyType()),
                table.sortKey(), keyType(name, "sortKeyType", table.sortKeyType()),
                viewType(name, table.streamViewType()));
    }

    private static ScalarAttributeType keyType(String table, String option, ScalarAttributeType type) {
        if (type == ScalarAttributeType.UNKNOWN_TO_SDK_VERSION) {
            throw new IllegalArgumentException("table '" + table + "': " + option + " must be S, N or B");
        }
        return type;
    }

    private static StreamViewType viewType(String table, StreamViewType type) {
        if (type == StreamViewType.UNKNOWN_TO_SDK_VERSION) {
            throw new IllegalArgumentException("table '" + table + "': streamViewType must be KEYS_ONLY, NEW_IMAGE, "
                    + "OLD_IMAGE or NEW_AND_OLD_IMAGES");
        }
        return type;
    }

    /** A table keyed by the string attribute {@code id}. */
    static TableSpec keyedById(String name, StreamViewType streamViewType) {
        return new TableSpec(name, "id", ScalarAttributeType.S, "", ScalarAttributeType.S, streamViewType);
    }

    /**
     * Creates the table with on-demand capacity and its stream, and waits until it is ACTIVE; returns the stream's
     * ARN ({@code null} without a stream).
     */
    String create(DynamoDbClient client) {
        List<AttributeDefinition> attributes = new ArrayList<>();
        List<KeySchemaElement> keys = new ArrayList<>();
        attributes.add(AttributeDefinition.builder().attributeName(partitionKey).attributeType(partitionKeyType)
                .build());
        keys.add(KeySchemaElement.builder().attributeName(partitionKey).keyType(KeyType.HASH).build());
        if (!sortKey.isEmpty()) {
            attributes.add(AttributeDefinition.builder().attributeName(sortKey).attributeType(sortKeyType).build());
            keys.add(KeySchemaElement.builder().attributeName(sortKey).keyType(KeyType.RANGE).build());
        }
        String streamArn = client.createTable(request -> {
            request.tableName(name)
                    .attributeDefinitions(attributes)
                    .keySchema(keys)
                    .billingMode(BillingMode.PAY_PER_REQUEST);
            if (streamViewType != null) {
                request.streamSpecification(stream -> stream.streamEnabled(true).streamViewType(streamViewType));
            }
        }).tableDescription().latestStreamArn();
        EmulatorClients.awaitActive(client, name);
        return streamArn;
    }
}
