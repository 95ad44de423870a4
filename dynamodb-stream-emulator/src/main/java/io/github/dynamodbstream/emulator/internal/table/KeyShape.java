package io.github.dynamodbstream.emulator.internal.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dynamodbstream.emulator.internal.ApiException;

/**
 * The key attributes of a table or an index: the partition key name and type, and the sort key name and type
 * ({@code null} when there is no sort key). Reads and validates keys with DynamoDB's messages.
 */
record KeyShape(String partitionName, String partitionType, String sortName, String sortType) {

    boolean hasSort() {
        return sortName != null;
    }

    boolean isKeyAttribute(String attributeName) {
        return attributeName.equals(partitionName) || attributeName.equals(sortName);
    }

    /** The key of an item being written; a missing key attribute or one of the wrong type is rejected. */
    ItemKey keyOfItem(ObjectNode item) {
        KeyValue partition = itemKeyValue(item, partitionName, partitionType);
        KeyValue sort = hasSort() ? itemKeyValue(item, sortName, sortType) : null;
        return new ItemKey(partition, sort);
    }

    private static KeyValue itemKeyValue(ObjectNode item, String name, String type) {
        JsonNode value = item.get(name);
        if (value == null) {
            throw ApiException.validation(
                    "One or more parameter values were invalid: Missing the key " + name + " in the item");
        }
        String actual = AttributeValues.typeOf(value);
        if (!type.equals(actual)) {
            throw ApiException.validation("One or more parameter values were invalid: Type mismatch for key "
                    + name + " expected: " + type + " actual: " + actual);
        }
        requireNotEmpty(value, type, "Key: " + name);
        return KeyValue.of(type, value);
    }

    /**
     * The key named by a request's {@code Key} (GetItem, UpdateItem, DeleteItem, BatchGetItem): it must hold
     * exactly the key attributes, each of the declared type.
     */
    ItemKey keyOfKey(JsonNode key) {
        if (key == null || !key.isObject()) {
            throw ApiException.validation("The provided key element does not match the schema");
        }
        int expected = hasSort() ? 2 : 1;
        if (key.size() != expected) {
            throw ApiException.validation("The provided key element does not match the schema");
        }
        KeyValue partition = keyValue(key, partitionName, partitionType);
        KeyValue sort = hasSort() ? keyValue(key, sortName, sortType) : null;
        return new ItemKey(partition, sort);
    }

    private static KeyValue keyValue(JsonNode key, String name, String type) {
        JsonNode value = key.get(name);
        if (value == null || !type.equals(AttributeValues.typeOf(value))) {
            throw ApiException.validation("The provided key element does not match the schema");
        }
        requireNotEmpty(value, type, "Key: " + name);
        return KeyValue.of(type, value);
    }

    /**
     * The key of an item in a secondary index with this shape, {@code null} when the item lacks an index key
     * attribute (then the index does not hold it). An index key of the wrong type is rejected.
     */
    ItemKey indexKeyOf(ObjectNode item, String indexName) {
        KeyValue partition = indexKeyValue(item, partitionName, partitionType, indexName);
        if (partition == null) {
            return null;
        }
        if (!hasSort()) {
            return new ItemKey(partition, null);
        }
        KeyValue sort = indexKeyValue(item, sortName, sortType, indexName);
        return sort == null ? null : new ItemKey(partition, sort);
    }

    private static KeyValue indexKeyValue(ObjectNode item, String name, String type, String indexName) {
        JsonNode value = item.get(name);
        if (value == null) {
            return null;
        }
        String actual = AttributeValues.typeOf(value);
        if (!type.equals(actual)) {
            throw ApiException.validation("One or more parameter values were invalid: Type mismatch for Index Key "
                    + name + " Expected: " + type + " Actual: " + actual + " IndexName: " + indexName);
        }
        if (isEmpty(value, type)) {
            throw ApiException.validation("One or more parameter values are not valid. A value specified for a "
                    + "secondary index key is not supported. The AttributeValue for a key attribute cannot contain "
                    + "an empty " + ("B".equals(type) ? "binary" : "string") + " value. IndexName: " + indexName
                    + ", IndexKey: " + name);
        }
        return KeyValue.of(type, value);
    }

    /** A new object holding only this shape's key attributes of the item. */
    ObjectNode keyAttributes(ObjectNode item) {
        ObjectNode key = JsonNodeFactory.instance.objectNode();
        key.set(partitionName, item.get(partitionName));
        if (hasSort()) {
            key.set(sortName, item.get(sortName));
        }
        return key;
    }

    /** A new item holding only the key's attributes, numbers in canonical text (an UpdateItem's new item). */
    ObjectNode itemOf(ItemKey key) {
        ObjectNode item = JsonNodeFactory.instance.objectNode();
        item.set(partitionName, key.partition().attributeValue());
        if (hasSort()) {
            item.set(sortName, key.sort().attributeValue());
        }
        return item;
    }

    private static void requireNotEmpty(JsonNode value, String type, String where) {
        if (isEmpty(value, type)) {
            throw ApiException.validation("One or more parameter values are not valid. The AttributeValue for a key "
                    + "attribute cannot contain an empty " + ("B".equals(type) ? "binary" : "string") + " value. "
                    + where);
        }
    }

    private static boolean isEmpty(JsonNode value, String type) {
        return !"N".equals(type) && value.get(type).asText().isEmpty();
    }
}
