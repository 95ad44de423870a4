package io.github.dynamodbstream.emulator.internal.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dynamodbstream.emulator.internal.ApiException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads and validates a CreateTable request the way DynamoDB does. */
final class TableDefinitions {

    private static final Pattern TABLE_NAME = Pattern.compile("[a-zA-Z0-9_.-]{3,255}");
    private static final Set<String> KEY_TYPES = Set.of("S", "N", "B");
    private static final Set<String> VIEW_TYPES = Set.of("KEYS_ONLY", "NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES");
    private static final String INVALID = "One or more parameter values were invalid: ";

    private TableDefinitions() {
    }

    static TableDefinition parse(ObjectNode request) {
        String name = Requests.requiredString(request, "TableName");
        requireValidName(name);
        Map<String, String> types = attributeTypes(request.path("AttributeDefinitions"));
        ArrayNode keySchema = requiredArray(request, "KeySchema");
        KeyShape shape = shape(keySchema, types, "KeySchema");
        Set<String> used = new HashSet<>();
        addKeys(used, shape);
        String billingMode = billingMode(request);
        ObjectNode throughput = throughput(request.get("ProvisionedThroughput"), billingMode);
        List<SecondaryIndex> indexes = new ArrayList<>();
        Set<String> indexNames = new HashSet<>();
        for (JsonNode node : request.path("GlobalSecondaryIndexes")) {
            SecondaryIndex index = index(node, true, types, billingMode);
            addIndex(indexes, indexNames, index);
            addKeys(used, index.shape());
        }
        for (JsonNode node : request.path("LocalSecondaryIndexes")) {
            SecondaryIndex index = index(node, false, types, billingMode);
            if (!index.shape().partitionName().equals(shape.partitionName()) || !index.shape().hasSort()) {
                throw ApiException.validation(INVALID + "Index KeySchema does not have a range key for index: "
                        + index.name() + " or its hash key differs from the table's hash key");
            }
            if (!shape.hasSort()) {
                throw ApiException.validation(INVALID + "Table KeySchema does not have a range key, which is "
                        + "required when specifying a LocalSecondaryIndex");
            }
            addIndex(indexes, indexNames, index);
            addKeys(used, index.shape());
        }
        if (!used.equals(types.keySet())) {
            throw ApiException.validation(INVALID + "Number of attributes in KeySchema does not exactly match "
                    + "number of attributes defined in AttributeDefinitions");
        }
        return new TableDefinition(name, shape, keySchema, (ArrayNode) request.get("AttributeDefinitions"),
                billingMode, throughput, List.copyOf(indexes), streamViewType(request.get("StreamSpecification")));
    }

    static void requireValidName(String name) {
        if (!TABLE_NAME.matcher(name).matches()) {
            throw ApiException.validation("1 validation error detected: Value '" + name + "' at 'tableName' failed "
                    + "to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+ and "
                    + "have length between 3 and 255");
        }
    }

    /**
     * The view type a StreamSpecification asks for: {@code null} when it turns the stream off or is absent.
     */
    static String streamViewType(JsonNode specification) {
        if (specification == null || specification.isNull()) {
            return null;
        }
        JsonNode enabled = specification.get("StreamEnabled");
        if (enabled == null || !enabled.isBoolean()) {
            throw ApiException.validation("1 validation error detected: Value null at "
                    + "'streamSpecification.streamEnabled' failed to satisfy constraint: Member must not be null");
        }
        String viewType = Requests.optionalString(specification, "StreamViewType");
        if (!enabled.asBoolean()) {
            if (viewType != null) {
                throw ApiException.validation(INVALID + "StreamViewType may not be specified when StreamEnabled "
                        + "is false");
            }
            return null;
        }
        if (viewType == null) {
            throw ApiException.validation(INVALID + "StreamViewType is required when StreamEnabled is true");
        }
        if (!VIEW_TYPES.contains(viewType)) {
            throw ApiException.validation("1 validation error detected: Value '" + viewType + "' at "
                    + "'streamSpecification.streamViewType' failed to satisfy constraint: Member must satisfy enum "
                    + "value set: [NEW_IMAGE, OLD_IMAGE, NEW_AND_OLD_IMAGES, KEYS_ONLY]");
        }
        return viewType;
    }

    static Map<String, String> attributeTypes(JsonNode definitions) {
        if (!definitions.isArray() || definitions.isEmpty()) {
            throw ApiException.validation("1 validation error detected: Value null at 'attributeDefinitions' failed "
                    + "to satisfy constraint: Member must not be null");
        }
        Map<String, String> types = new LinkedHashMap<>();
        for (JsonNode definition : definitions) {
            String name = Requests.requiredString(definition, "AttributeName");
            String type = Requests.requiredString(definition, "AttributeType");
            if (!KEY_TYPES.contains(type)) {
                throw ApiException.validation("1 validation error detected: Value '" + type + "' at "
                        + "'attributeDefinitions.member.attributeType' failed to satisfy constraint: Member must "
                        + "satisfy enum value set: [B, N, S]");
            }
            if (types.put(name, type) != null) {
                throw ApiException.validation(INVALID + "Cannot have two attributes with the same name: " + name);
            }
        }
        return types;
    }

    private static KeyShape shape(ArrayNode keySchema, Map<String, String> types, String where) {
        if (keySchema.isEmpty() || keySchema.size() > 2) {
            throw ApiException.validation("1 validation error detected: Value '" + keySchema + "' at '"
                    + Character.toLowerCase(where.charAt(0)) + where.substring(1) + "' failed to satisfy constraint: "
                    + "Member must have length less than or equal to 2 and greater than or equal to 1");
        }
        JsonNode hash = keySchema.get(0);
        if (!"HASH".equals(hash.path("KeyType").asText())) {
            throw ApiException.validation(INVALID + "Invalid KeySchema: The first KeySchemaElement is not a HASH key "
                    + "type");
        }
        String hashName = Requests.requiredString(hash, "AttributeName");
        String rangeName = null;
        if (keySchema.size() == 2) {
            JsonNode range = keySchema.get(1);
            if (!"RANGE".equals(range.path("KeyType").asText())) {
                throw ApiException.validation(INVALID + "Invalid KeySchema: The second KeySchemaElement is not a "
                        + "RANGE key type");
            }
            rangeName = Requests.requiredString(range, "AttributeName");
            if (rangeName.equals(hashName)) {
                throw ApiException.validation(INVALID + "Both the Hash Key and the Range Key element in the "
                        + "KeySchema have the same name");
            }
        }
        return new KeyShape(hashName, typeOf(types, hashName, where), rangeName,
                rangeName == null ? null : typeOf(types, rangeName, where));
    }

    private static String typeOf(Map<String, String> types, String attribute, String where) {
        String type = types.get(attribute);
        if (type == null) {
            throw ApiException.validation(INVALID + "Some index key attributes are not defined in "
                    + "AttributeDefinitions. Keys: [" + attribute + "], AttributeDefinitions: " + types.keySet()
                    + " (" + where + ")");
        }
        return type;
    }

    private static String billingMode(JsonNode request) {
        String mode = Requests.optionalString(request, "BillingMode");
        if (mode == null) {
            return "PROVISIONED";
        }
        if (!mode.equals("PROVISIONED") && !mode.equals("PAY_PER_REQUEST")) {
            throw ApiException.validation("1 validation error detected: Value '" + mode + "' at 'billingMode' "
                    + "failed to satisfy constraint: Member must satisfy enum value set: [PROVISIONED, "
                    + "PAY_PER_REQUEST]");
        }
        return mode;
    }

    private static ObjectNode throughput(JsonNode throughput, String billingMode) {
        boolean given = throughput != null && !throughput.isNull();
        if (billingMode.equals("PAY_PER_REQUEST")) {
            if (given) {
                throw ApiException.validation(INVALID + "Neither ReadCapacityUnits nor WriteCapacityUnits can be "
                        + "specified when BillingMode is PAY_PER_REQUEST");
            }
            return null;
        }
        if (!given || !throughput.path("ReadCapacityUnits").canConvertToLong()
                || !throughput.path("WriteCapacityUnits").canConvertToLong()) {
            throw ApiException.validation(INVALID + "ReadCapacityUnits and WriteCapacityUnits must both be "
                    + "specified when BillingMode is PROVISIONED");
        }
        ObjectNode copy = JsonNodeFactory.instance.objectNode();
        copy.put("ReadCapacityUnits", throughput.get("ReadCapacityUnits").asLong());
        copy.put("WriteCapacityUnits", throughput.get("WriteCapacityUnits").asLong());
        return copy;
    }

    static SecondaryIndex index(JsonNode node, boolean global, Map<String, String> types, String billing) {
        String name = Requests.requiredString(node, "IndexName");
        JsonNode keySchema = node.get("KeySchema");
        if (keySchema == null || !keySchema.isArray()) {
            throw ApiException.validation("1 validation error detected: Value null at 'keySchema' of index " + name
                    + " failed to satisfy constraint: Member must not be null");
        }
        KeyShape shape = shape((ArrayNode) keySchema, types, "index " + name);
        JsonNode projection = node.get("Projection");
        if (projection == null || !projection.isObject()) {
            throw ApiException.validation("1 validation error detected: Value null at 'projection' of index " + name
                    + " failed to satisfy constraint: Member must not be null");
        }
        String type = projection.path("ProjectionType").asText("ALL");
        if (!Set.of("ALL", "KEYS_ONLY", "INCLUDE").contains(type)) {
            throw ApiException.validation("1 validation error detected: Value '" + type + "' at "
                    + "'projection.projectionType' failed to satisfy constraint: Member must satisfy enum value set: "
                    + "[ALL, INCLUDE, KEYS_ONLY]");
        }
        if (type.equals("INCLUDE") != projection.has("NonKeyAttributes")) {
            throw ApiException.validation(INVALID + "NonKeyAttributes must be specified exactly when ProjectionType "
                    + "is INCLUDE (index " + name + ")");
        }
        ObjectNode throughput = global ? throughput(node.get("ProvisionedThroughput"), billing) : null;
        return new SecondaryIndex(name, global, shape, (ArrayNode) keySchema, (ObjectNode) projection, throughput);
    }

    private static ArrayNode requiredArray(JsonNode request, String field) {
        JsonNode value = request.get(field);
        if (value == null || !value.isArray()) {
            throw ApiException.validation("1 validation error detected: Value null at '"
                    + Character.toLowerCase(field.charAt(0)) + field.substring(1)
                    + "' failed to satisfy constraint: Member must not be null");
        }
        return (ArrayNode) value;
    }

    private static void addIndex(List<SecondaryIndex> indexes, Set<String> names, SecondaryIndex index) {
        if (!names.add(index.name())) {
            throw ApiException.validation(INVALID + "Duplicate index name: " + index.name());
        }
        indexes.add(index);
    }

    private static void addKeys(Set<String> used, KeyShape shape) {
        used.add(shape.partitionName());
        if (shape.hasSort()) {
            used.add(shape.sortName());
        }
    }
}
