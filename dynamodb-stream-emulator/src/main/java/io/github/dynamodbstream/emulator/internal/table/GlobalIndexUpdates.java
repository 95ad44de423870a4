package io.github.dynamodbstream.emulator.internal.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dynamodbstream.emulator.internal.ApiException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The {@code GlobalSecondaryIndexUpdates} of an UpdateTable: {@code Create}, {@code Update} (throughput) and
 * {@code Delete} of global secondary indexes. An index keeps no copy of the items, so a created index is ACTIVE
 * at once, holding every item that carries its key attributes, with no backfilling phase.
 */
final class GlobalIndexUpdates {

    private static final String INVALID = "One or more parameter values were invalid: ";

    private GlobalIndexUpdates() {
    }

    static void apply(Table table, JsonNode updates, JsonNode requestDefinitions) {
        if (!updates.isArray() || updates.isEmpty()) {
            throw ApiException.validation("1 validation error detected: Value '[]' at 'globalSecondaryIndexUpdates' "
                    + "failed to satisfy constraint: Member must have length greater than or equal to 1");
        }
        int createsOrDeletes = 0;
        for (JsonNode update : updates) {
            if (update.hasNonNull("Create") || update.hasNonNull("Delete")) {
                createsOrDeletes++;
            }
        }
        if (createsOrDeletes > 1) {
            throw ApiException.validation(INVALID + "Only one global secondary index can be created or deleted in "
                    + "one UpdateTable request");
        }
        for (JsonNode update : updates) {
            int actions = (update.hasNonNull("Create") ? 1 : 0) + (update.hasNonNull("Update") ? 1 : 0)
                    + (update.hasNonNull("Delete") ? 1 : 0);
            if (actions != 1) {
                throw ApiException.validation(INVALID + "Each GlobalSecondaryIndexUpdate must have exactly one of "
                        + "Create, Update or Delete");
            }
            if (update.hasNonNull("Create")) {
                create(table, update.get("Create"), requestDefinitions);
            } else if (update.hasNonNull("Update")) {
                changeThroughput(table, update.get("Update"));
            } else {
                delete(table, update.get("Delete"));
            }
        }
    }

    private static void create(Table table, JsonNode create, JsonNode requestDefinitions) {
        if (requestDefinitions == null || requestDefinitions.isNull()) {
            throw ApiException.validation(INVALID + "AttributeDefinitions must be provided when creating a global "
                    + "secondary index");
        }
        Map<String, String> types = new LinkedHashMap<>(TableDefinitions.attributeTypes(table.attributeDefinitions()));
        TableDefinitions.attributeTypes(requestDefinitions).forEach((name, type) -> {
            String existing = types.putIfAbsent(name, type);
            if (existing != null && !existing.equals(type)) {
                throw ApiException.validation(INVALID + "Cannot change the type of attribute " + name + " from "
                        + existing + " to " + type);
            }
        });
        SecondaryIndex index = TableDefinitions.index(create, true, types, table.billingMode());
        for (SecondaryIndex existing : table.indexes()) {
            if (existing.name().equals(index.name())) {
                throw ApiException.validation(INVALID + "Attempting to create an index which already exists: "
                        + index.name());
            }
        }
        for (ObjectNode item : table.items().values()) {
            index.shape().indexKeyOf(item, index.name());
        }
        Set<String> used = usedAttributes(table);
        used.add(index.shape().partitionName());
        if (index.shape().hasSort()) {
            used.add(index.shape().sortName());
        }
        table.addIndex(index, definitions(types, used));
    }

    private static void changeThroughput(Table table, JsonNode update) {
        SecondaryIndex index = table.index(Requests.requiredString(update, "IndexName"));
        if (!index.global()) {
            throw ApiException.validation(INVALID + "Only global secondary indexes can be updated: "
                    + index.name());
        }
        if (table.billingMode().equals("PAY_PER_REQUEST")) {
            throw ApiException.validation(INVALID + "ProvisionedThroughput cannot be updated on index "
                    + index.name() + " of a PAY_PER_REQUEST table");
        }
        JsonNode throughput = update.path("ProvisionedThroughput");
        if (!throughput.path("ReadCapacityUnits").canConvertToLong()
                || !throughput.path("WriteCapacityUnits").canConvertToLong()) {
            throw ApiException.validation(INVALID + "ReadCapacityUnits and WriteCapacityUnits must both be "
                    + "specified to update index " + index.name());
        }
        ObjectNode copy = JsonNodeFactory.instance.objectNode();
        copy.put("ReadCapacityUnits", throughput.get("ReadCapacityUnits").asLong());
        copy.put("WriteCapacityUnits", throughput.get("WriteCapacityUnits").asLong());
        table.replaceIndex(new SecondaryIndex(index.name(), true, index.shape(), index.keySchema(),
                index.projection(), copy));
    }

    private static void delete(Table table, JsonNode delete) {
        SecondaryIndex index = table.index(Requests.requiredString(delete, "IndexName"));
        if (!index.global()) {
            throw ApiException.validation(INVALID + "Only global secondary indexes can be deleted: "
                    + index.name());
        }
        Map<String, String> types = TableDefinitions.attributeTypes(table.attributeDefinitions());
        Set<String> used = new HashSet<>();
        addKeys(used, table.shape());
        for (SecondaryIndex remaining : table.indexes()) {
            if (!remaining.name().equals(index.name())) {
                addKeys(used, remaining.shape());
            }
        }
        table.removeIndex(index.name(), definitions(types, used));
    }

    private static Set<String> usedAttributes(Table table) {
        Set<String> used = new HashSet<>();
        addKeys(used, table.shape());
        table.indexes().forEach(index -> addKeys(used, index.shape()));
        return used;
    }

    private static void addKeys(Set<String> used, KeyShape shape) {
        used.add(shape.partitionName());
        if (shape.hasSort()) {
            used.add(shape.sortName());
        }
    }

    private static ArrayNode definitions(Map<String, String> types, Set<String> used) {
        ArrayNode definitions = JsonNodeFactory.instance.arrayNode();
        types.forEach((name, type) -> {
            if (used.contains(name)) {
                definitions.addObject().put("AttributeName", name).put("AttributeType", type);
            }
        });
        return definitions;
    }
}
