package io.github.dynamodbstream.emulator.internal.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dynamodbstream.emulator.internal.ApiException;
import io.github.dynamodbstream.emulator.internal.DynamoDbNumber;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Checks attribute values in DynamoDB JSON as DynamoDB does, and rewrites every number (of {@code N} and
 * {@code NS} values, at any depth) to its canonical text, so that what is stored, compared, measured and written to
 * a stream is the number DynamoDB holds.
 */
final class AttributeValues {

    private static final Set<String> TYPES = Set.of("S", "N", "B", "BOOL", "NULL", "M", "L", "SS", "NS", "BS");

    private AttributeValues() {
    }

    /** The type descriptor of an attribute value ({@code "S"}, {@code "N"}, ...), or {@code null} if malformed. */
    static String typeOf(JsonNode value) {
        if (value == null || !value.isObject() || value.size() != 1) {
            return null;
        }
        String type = value.fieldNames().next();
        return TYPES.contains(type) ? type : null;
    }

    /** Rejects an item holding a malformed attribute value, as DynamoDB does; canonicalises its numbers. */
    static void validateItem(JsonNode item, String what) {
        if (item == null || !item.isObject()) {
            throw ApiException.validation("1 validation error detected: Value null at '" + what
                    + "' failed to satisfy constraint: Member must not be null");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = item.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> attribute = it.next();
            if (attribute.getKey().isEmpty()) {
                throw ApiException.validation(
                        "One or more parameter values were invalid: An attribute name may not be empty");
            }
            validateValue(attribute.getValue());
        }
    }

    /** Rejects a malformed attribute value, as DynamoDB does; canonicalises its numbers. */
    static void validateValue(JsonNode value) {
        String type = typeOf(value);
        if (type == null) {
            throw ApiException.validation("Supplied AttributeValue is empty, must contain exactly one of the "
                    + "supported datatypes");
        }
        JsonNode content = value.get(type);
        switch (type) {
            case "N" -> ((ObjectNode) value).put("N", DynamoDbNumber.canonical(content.asText()));
            case "B" -> decodeBinary(content.asText());
            case "M" -> validateItem(content, "M");
            case "L" -> content.forEach(AttributeValues::validateValue);
            case "SS", "NS", "BS" -> validateSet(type, content);
            default -> {
            }
        }
    }

    private static void validateSet(String type, JsonNode content) {
        if (!content.isArray() || content.isEmpty()) {
            throw ApiException.validation("One or more parameter values were invalid: An " + setName(type)
                    + " may not be empty");
        }
        Set<String> distinct = new LinkedHashSet<>();
        for (JsonNode element : content) {
            String text = element.asText();
            String value = switch (type) {
                case "NS" -> DynamoDbNumber.canonical(text);
                case "BS" -> Base64.getEncoder().encodeToString(decodeBinary(text));
                default -> text;
            };
            if (!distinct.add(value)) {
                throw ApiException.validation("One or more parameter values were invalid: Input collection "
                        + content + " contains duplicates.");
            }
        }
        if (type.equals("NS")) {
            ArrayNode elements = (ArrayNode) content;
            elements.removeAll();
            distinct.forEach(elements::add);
        }
    }

    private static String setName(String type) {
        return switch (type) {
            case "NS" -> "number set ";
            case "BS" -> "binary set ";
            default -> "string set ";
        };
    }

    private static byte[] decodeBinary(String text) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.validation("Invalid Base64 value in a binary attribute: " + e.getMessage());
        }
    }
}
