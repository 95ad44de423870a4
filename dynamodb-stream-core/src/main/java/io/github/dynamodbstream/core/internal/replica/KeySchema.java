package io.github.dynamodbstream.core.internal.replica;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/** A table's key attributes: picks an item's key out of its attributes and builds keys from plain Java values. */
public record KeySchema(String tableName, KeyAttribute partitionKey, KeyAttribute sortKey) {

    /** The key schema of a described table. */
    static KeySchema of(TableDescription table) {
        KeyAttribute partition = null;
        KeyAttribute sort = null;
        for (KeySchemaElement element : table.keySchema()) {
            KeyAttribute attribute = new KeyAttribute(element.attributeName(), typeOf(table, element.attributeName()));
            if (element.keyType() == KeyType.HASH) {
                partition = attribute;
            } else {
                sort = attribute;
            }
        }
        if (partition == null) {
            throw new IllegalStateException("DescribeTable of '" + table.tableName() + "' returned no partition key");
        }
        return new KeySchema(table.tableName(), partition, sort);
    }

    private static ScalarAttributeType typeOf(TableDescription table, String name) {
        return table.attributeDefinitions().stream()
                .filter(definition -> definition.attributeName().equals(name))
                .map(AttributeDefinition::attributeType)
                .findFirst()
                .orElse(ScalarAttributeType.UNKNOWN_TO_SDK_VERSION);
    }

    /**
     * The key of an item: its key attributes only.
     *
     * @param item an item, or a key
     * @throws IllegalArgumentException naming the attribute, when a key attribute is missing
     */
    public Map<String, AttributeValue> keyOf(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> key = new LinkedHashMap<>(2);
        key.put(partitionKey.name(), required(item, partitionKey));
        if (sortKey != null) {
            key.put(sortKey.name(), required(item, sortKey));
        }
        return Map.copyOf(key);
    }

    private AttributeValue required(Map<String, AttributeValue> item, KeyAttribute attribute) {
        AttributeValue value = item.get(attribute.name());
        if (value == null) {
            throw new IllegalArgumentException("A key of table '" + tableName + "' needs attribute '"
                    + attribute.name() + "'; the key given has " + item.keySet());
        }
        return value;
    }

    /**
     * The key of a table that has only a partition key.
     *
     * @throws IllegalArgumentException when the table has a sort key, or the value does not fit the attribute's type
     */
    public Map<String, AttributeValue> key(Object partitionValue) {
        if (sortKey != null) {
            throw new IllegalArgumentException("Table '" + tableName + "' has a sort key '" + sortKey.name()
                    + "': use get(partitionKey, sortKey)");
        }
        return Map.of(partitionKey.name(), partitionKey.value(tableName, partitionValue));
    }

    /**
     * The key of a table that has a partition key and a sort key.
     *
     * @throws IllegalArgumentException when the table has no sort key, or a value does not fit its attribute's type
     */
    public Map<String, AttributeValue> key(Object partitionValue, Object sortValue) {
        if (sortKey == null) {
            throw new IllegalArgumentException("Table '" + tableName + "' has no sort key: use get(partitionKey)");
        }
        return Map.of(partitionKey.name(), partitionKey.value(tableName, partitionValue),
                sortKey.name(), sortKey.value(tableName, sortValue));
    }

    record KeyAttribute(String name, ScalarAttributeType type) {

        AttributeValue value(String tableName, Object value) {
            if (value instanceof AttributeValue attributeValue) {
                return attributeValue;
            }
            AttributeValue converted = switch (type) {
                case S -> value instanceof CharSequence text ? AttributeValue.fromS(text.toString()) : null;
                case N -> value instanceof Number number ? AttributeValue.fromN(number(number)) : null;
                case B -> binary(value);
                default -> null;
            };
            if (converted == null) {
                throw new IllegalArgumentException("Key attribute '" + name + "' of table '" + tableName
                        + "' is of type " + type + "; " + (value == null ? "null" : value.getClass().getName())
                        + " does not fit it. Pass " + expected() + ", or an AttributeValue");
            }
            return converted;
        }

        private String expected() {
            return switch (type) {
                case S -> "a String";
                case N -> "a Number";
                case B -> "a byte[], ByteBuffer or SdkBytes";
                default -> "an AttributeValue";
            };
        }

        private static String number(Number number) {
            return number instanceof java.math.BigDecimal decimal ? decimal.toPlainString() : number.toString();
        }

        private static AttributeValue binary(Object value) {
            if (value instanceof byte[] bytes) {
                return AttributeValue.fromB(SdkBytes.fromByteArray(bytes));
            }
            if (value instanceof ByteBuffer buffer) {
                return AttributeValue.fromB(SdkBytes.fromByteBuffer(buffer));
            }
            return value instanceof SdkBytes bytes ? AttributeValue.fromB(bytes) : null;
        }
    }
}
