package io.github.dynamodbstream.emulator.internal.expression;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dynamodbstream.emulator.internal.ApiException;
import io.github.dynamodbstream.emulator.internal.DynamoDbNumber;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/** Type, comparison, size and set helpers for values in DynamoDB JSON, such as {@code {"N": "1.5"}}. */
final class AttributeValues {

    static final Set<String> TYPES = Set.of("S", "N", "B", "BOOL", "NULL", "SS", "NS", "BS", "L", "M");

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AttributeValues() {
    }

    /** The type descriptor of a value: {@code S}, {@code N}, {@code M}... */
    static String type(JsonNode value) {
        Iterator<String> names = value.fieldNames();
        return names.hasNext() ? names.next() : "";
    }

    static boolean isType(JsonNode value, String type) {
        return value != null && type.equals(type(value));
    }

    /** Whether the value is a well-formed attribute value: an object with one known type descriptor. */
    static boolean isValid(JsonNode value) {
        return value != null && value.isObject() && value.size() == 1 && TYPES.contains(type(value));
    }

    static BigDecimal number(JsonNode value) {
        return number(value.get("N").asText());
    }

    static ObjectNode numberValue(BigDecimal number) {
        return NODES.objectNode().put("N", DynamoDbNumber.of(number).text());
    }

    /** Equality as DynamoDB sees it: numbers by value, sets regardless of order, lists and maps deeply. */
    static boolean equal(JsonNode left, JsonNode right) {
        String type = type(left);
        if (!type.equals(type(right))) {
            return false;
        }
        JsonNode first = left.get(type);
        JsonNode second = right.get(type);
        switch (type) {
            case "N":
            case "S":
            case "B":
                return ordered(left, right) && compare(left, right) == 0;
            case "SS":
            case "NS":
            case "BS":
                return first.size() == second.size() && containsAll(type, first, second)
                        && containsAll(type, second, first);
            case "L":
                return listsEqual(first, second);
            case "M":
                return mapsEqual(first, second);
            default:
                return first.equals(second);
        }
    }

    /** Whether the two values can be ordered: both numbers, both strings or both binaries. */
    static boolean ordered(JsonNode left, JsonNode right) {
        String type = type(left);
        return type.equals(type(right)) && (type.equals("N") || type.equals("S") || type.equals("B"));
    }

    /** Orders two values for which {@link #ordered} holds. */
    static int compare(JsonNode left, JsonNode right) {
        String type = type(left);
        return compareElements(type, left.get(type).asText(), right.get(type).asText());
    }

    /**
     * The size of a value as the {@code size} function gives it: characters of a string, bytes of a binary, elements
     * of a set, list or map; {@code null} for other types.
     */
    static Integer size(JsonNode value) {
        String type = type(value);
        JsonNode content = value.get(type);
        switch (type) {
            case "S":
                String text = content.asText();
                return text.codePointCount(0, text.length());
            case "B":
                return bytes(content.asText()).length;
            case "SS":
            case "NS":
            case "BS":
            case "L":
            case "M":
                return content.size();
            default:
                return null;
        }
    }

    /** Whether a string starts with a string, or a binary with a binary. */
    static boolean beginsWith(JsonNode value, JsonNode prefix) {
        if (isType(value, "S") && isType(prefix, "S")) {
            return value.get("S").asText().startsWith(prefix.get("S").asText());
        }
        if (isType(value, "B") && isType(prefix, "B")) {
            byte[] bytes = bytes(value.get("B").asText());
            byte[] start = bytes(prefix.get("B").asText());
            return bytes.length >= start.length
                    && Arrays.equals(bytes, 0, start.length, start, 0, start.length);
        }
        return false;
    }

    /** A substring of a string, an element of a set of the operand's type, or an element of a list. */
    static boolean contains(JsonNode value, JsonNode operand) {
        String type = type(value);
        String operandType = type(operand);
        switch (type) {
            case "S":
                return operandType.equals("S") && value.get("S").asText().contains(operand.get("S").asText());
            case "SS":
            case "NS":
            case "BS":
                return type.equals(operandType + "S")
                        && indexOf(type, value.get(type), operand.get(operandType).asText()) >= 0;
            case "L":
                for (JsonNode element : value.get("L")) {
                    if (equal(element, operand)) {
                        return true;
                    }
                }
                return false;
            default:
                return false;
        }
    }

    /** The union of two sets of the same type, existing elements first. */
    static ObjectNode union(JsonNode set, JsonNode added) {
        String type = type(set);
        ArrayNode elements = set.get(type).deepCopy();
        for (JsonNode element : added.get(type)) {
            if (indexOf(type, elements, element.asText()) < 0) {
                elements.add(element.asText());
            }
        }
        ObjectNode result = NODES.objectNode();
        result.set(type, elements);
        return result;
    }

    /** The elements of a set that are not in another set of the same type. */
    static ObjectNode difference(JsonNode set, JsonNode removed) {
        String type = type(set);
        ArrayNode elements = NODES.arrayNode();
        for (JsonNode element : set.get(type)) {
            if (indexOf(type, removed.get(type), element.asText()) < 0) {
                elements.add(element.asText());
            }
        }
        ObjectNode result = NODES.objectNode();
        result.set(type, elements);
        return result;
    }

    private static BigDecimal number(String text) {
        return DynamoDbNumber.parse(text).value();
    }

    private static int indexOf(String setType, JsonNode elements, String element) {
        for (int i = 0; i < elements.size(); i++) {
            if (compareElements(setType, elements.get(i).asText(), element) == 0) {
                return i;
            }
        }
        return -1;
    }

    private static boolean containsAll(String setType, JsonNode elements, JsonNode required) {
        for (JsonNode element : required) {
            if (indexOf(setType, elements, element.asText()) < 0) {
                return false;
            }
        }
        return true;
    }

    /** Compares two scalars of a type, or two elements of a set type: N/NS numerically, B/BS bytewise. */
    private static int compareElements(String type, String left, String right) {
        switch (type.charAt(0)) {
            case 'N':
                return number(left).compareTo(number(right));
            case 'B':
                return Arrays.compareUnsigned(bytes(left), bytes(right));
            default:
                return compareCodePoints(left, right);
        }
    }

    // String.compareTo orders UTF-16 units; DynamoDB orders UTF-8 bytes, which is code point order.
    private static int compareCodePoints(String left, String right) {
        int i = 0;
        int j = 0;
        while (i < left.length() && j < right.length()) {
            int first = left.codePointAt(i);
            int second = right.codePointAt(j);
            if (first != second) {
                return Integer.compare(first, second);
            }
            i += Character.charCount(first);
            j += Character.charCount(second);
        }
        return Boolean.compare(i < left.length(), j < right.length());
    }

    private static byte[] bytes(String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw ApiException.validation("Invalid binary value: not valid Base64");
        }
    }

    private static boolean listsEqual(JsonNode first, JsonNode second) {
        if (first.size() != second.size()) {
            return false;
        }
        for (int i = 0; i < first.size(); i++) {
            if (!equal(first.get(i), second.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean mapsEqual(JsonNode first, JsonNode second) {
        if (first.size() != second.size()) {
            return false;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = first.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode other = second.get(field.getKey());
            if (other == null || !equal(field.getValue(), other)) {
                return false;
            }
        }
        return true;
    }
}
