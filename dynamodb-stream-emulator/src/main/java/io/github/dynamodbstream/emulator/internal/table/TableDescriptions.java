package io.github.dynamodbstream.emulator.internal.table;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dynamodbstream.emulator.internal.ItemSize;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/** Writes a table's {@code TableDescription} as DescribeTable answers it. */
final class TableDescriptions {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private TableDescriptions() {
    }

    static ObjectNode describe(Table table, String status) {
        ObjectNode description = JSON.objectNode();
        description.set("AttributeDefinitions", table.attributeDefinitions());
        description.put("TableName", table.name());
        description.set("KeySchema", table.keySchema());
        description.put("TableStatus", status);
        description.put("CreationDateTime", epochSeconds(table.creationTime()));
        description.set("ProvisionedThroughput", throughput(table.provisionedThroughput()));
        description.put("TableSizeBytes", table.sizeBytes());
        description.put("ItemCount", table.itemCount());
        description.put("TableArn", table.arn());
        description.put("TableId", table.tableId());
        ObjectNode billing = description.putObject("BillingModeSummary");
        billing.put("BillingMode", table.billingMode());
        if (table.billingMode().equals("PAY_PER_REQUEST")) {
            billing.put("LastUpdateToPayPerRequestDateTime", epochSeconds(table.creationTime()));
        }
        ArrayNode globals = JSON.arrayNode();
        ArrayNode locals = JSON.arrayNode();
        for (SecondaryIndex index : table.indexes()) {
            (index.global() ? globals : locals).add(index(table, index));
        }
        if (!globals.isEmpty()) {
            description.set("GlobalSecondaryIndexes", globals);
        }
        if (!locals.isEmpty()) {
            description.set("LocalSecondaryIndexes", locals);
        }
        if (table.streamViewType() != null) {
            ObjectNode stream = description.putObject("StreamSpecification");
            stream.put("StreamEnabled", true);
            stream.put("StreamViewType", table.streamViewType());
        }
        if (table.latestStream() != null) {
            description.put("LatestStreamLabel", table.latestStream().streamLabel());
            description.put("LatestStreamArn", table.latestStream().streamArn());
        }
        description.put("DeletionProtectionEnabled", false);
        return description;
    }

    private static ObjectNode index(Table table, SecondaryIndex index) {
        ObjectNode description = JSON.objectNode();
        description.put("IndexName", index.name());
        description.set("KeySchema", index.keySchema());
        description.set("Projection", index.projection());
        long count = 0;
        long size = 0;
        for (Map.Entry<ItemKey, ObjectNode> entry : table.items().entrySet()) {
            if (index.shape().indexKeyOf(entry.getValue(), index.name()) != null) {
                count++;
                size += ItemSize.of(index.project(entry.getValue(), table.shape()));
            }
        }
        if (index.global()) {
            description.put("IndexStatus", "ACTIVE");
            description.set("ProvisionedThroughput", throughput(index.provisionedThroughput()));
        }
        description.put("IndexSizeBytes", size);
        description.put("ItemCount", count);
        description.put("IndexArn", table.arn() + "/index/" + index.name());
        return description;
    }

    private static ObjectNode throughput(ObjectNode declared) {
        ObjectNode throughput = JSON.objectNode();
        throughput.put("NumberOfDecreasesToday", 0);
        throughput.put("ReadCapacityUnits", declared == null ? 0 : declared.get("ReadCapacityUnits").asLong());
        throughput.put("WriteCapacityUnits", declared == null ? 0 : declared.get("WriteCapacityUnits").asLong());
        return throughput;
    }

    static BigDecimal epochSeconds(Instant instant) {
        return BigDecimal.valueOf(instant.toEpochMilli(), 3);
    }
}
