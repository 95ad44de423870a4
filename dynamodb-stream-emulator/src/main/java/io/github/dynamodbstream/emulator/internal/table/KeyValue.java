package io.github.dynamodbstream.emulator.internal.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dynamodbstream.emulator.internal.DynamoDbNumber;
import java.util.Arrays;
import java.util.Base64;

/**
 * One scalar key attribute value (S, N or B), ordered as DynamoDB orders sort keys: numbers numerically,
 * strings by code point (the order of their UTF-8 bytes), binary values bytewise as unsigned bytes.
 */
final class KeyValue implements Comparable<KeyValue> {

    /** A bound above every value, to address the end of a partition in a sorted map. */
    static final KeyValue AFTER_ALL = new KeyValue("", "", null, null);

    private final String type;
    private final String text;
    private final DynamoDbNumber number;
    private final byte[] bytes;

    private KeyValue(String type, String text, DynamoDbNumber number, byte[] bytes) {
        this.type = type;
        this.text = text;
        this.number = number;
        this.bytes = bytes;
    }

    /** The key value of an attribute value already checked to hold the given scalar type. */
    static KeyValue of(String type, JsonNode attributeValue) {
        String text = attributeValue.get(type).asText();
        return switch (type) {
            case "N" -> {
                DynamoDbNumber number = DynamoDbNumber.parse(text);
                yield new KeyValue(type, number.text(), number, null);
            }
            case "B" -> new KeyValue(type, text, null, Base64.getDecoder().decode(text));
            default -> new KeyValue(type, text, null, null);
        };
    }

    String type() {
        return type;
    }

    /** The value as text: the string, the number's canonical text, or the binary value in Base64. */
    String text() {
        return text;
    }

    @Override
    public int compareTo(KeyValue other) {
        if (this == AFTER_ALL || other == AFTER_ALL) {
            return this == other ? 0 : this == AFTER_ALL ? 1 : -1;
        }
        return switch (type) {
            case "N" -> number.compareTo(other.number);
            case "B" -> Arrays.compareUnsigned(bytes, other.bytes);
            default -> compareCodePoints(text, other.text);
        };
    }

    private static int compareCodePoints(String left, String right) {
        int i = 0;
        int j = 0;
        while (i < left.length() && j < right.length()) {
            int a = left.codePointAt(i);
            int b = right.codePointAt(j);
            if (a != b) {
                return Integer.compare(a, b);
            }
            i += Character.charCount(a);
            j += Character.charCount(b);
        }
        return Integer.compare(left.length() - i, right.length() - j);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KeyValue value && type.equals(value.type) && compareTo(value) == 0;
    }

    @Override
    public int hashCode() {
        return switch (type) {
            case "N" -> number.hashCode();
            case "B" -> Arrays.hashCode(bytes);
            default -> text.hashCode();
        };
    }

    /** The value in DynamoDB JSON: {@code {"N": "1.5"}}. */
    ObjectNode attributeValue() {
        return JsonNodeFactory.instance.objectNode().put(type, text);
    }

    @Override
    public String toString() {
        return type + ":" + text;
    }
}
