package io.github.dynamodbstream.emulator.internal.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dynamodbstream.emulator.internal.ApiException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/** Checks attribute values in DynamoDB JSON and measures items the way DynamoDB counts their size. */
final class AttributeValues {

    /** DynamoDB's item size limit, 400 KB. */
    static final int MAX_ITEM_BYTES = 400 * 1024;

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

    /** Rejects an item holding a malformed attribute value, as DynamoDB does. */
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

    static void validateValue(JsonNode value) {
        String type = typeOf(value);
        if (type == null) {
            throw ApiException.validation("Supplied AttributeValue is empty, must contain exactly one of the "
                    + "supported datatypes");
        }
        JsonNode content = value.get(type);
        switch (type) {
            case "N" -> parseNumber(content.asText());
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
        Set<Object> seen = new HashSet<>();
        for (JsonNode element : content) {
            Object distinct = switch (type) {
                case "NS" -> parseNumber(element.asText()).stripTrailingZeros();
                case "BS" -> Base64.getEncoder().encodeToString(decodeBinary(element.asText()));
                default -> element.asText();
            };
            if (!seen.add(distinct)) {
                throw ApiException.validation("One or more parameter values were invalid: Input collection "
                        + content + " contains duplicates.");
            }
        }
    }

    private static String setName(String type) {
        return switch (type) {
            case "NS" -> "number set ";
            case "BS" -> "binary set ";
            default -> "string set ";
        };
    }

    private static BigDecimal parseNumber(String text) {
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw ApiException.validation("A value provided cannot be converted into a number");
        }
    }

    private static byte[] decodeBinary(String text) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.validation("Invalid Base64 value in a binary attribute: " + e.getMessage());
        }
    }

    /** The item's size as DynamoDB counts it: attribute names plus values, in bytes. */
    static long itemSize(ObjectNode item) {
        long size = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = item.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> attribute = it.next();
            size += utf8Length(attribute.getKey()) + valueSize(attribute.getValue());
        }
        return size;
    }

    private static long valueSize(JsonNode value) {
        String type = typeOf(value);
        JsonNode content = value.get(type);
        return switch (type) {
            case "S" -> utf8Length(content.asText());
            case "N" -> numberSize(content.asText());
            case "B" -> Base64.getDecoder().decode(content.asText()).length;
            case "BOOL", "NULL" -> 1;
            case "SS", "NS", "BS" -> setSize(type, content);
            case "L" -> {
                long size = 3;
                for (JsonNode element : content) {
                    size += 1 + valueSize(element);
                }
                yield size;
            }
            case "M" -> {
                long size = 3;
                for (Iterator<Map.Entry<String, JsonNode>> it = content.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> entry = it.next();
                    size += 1 + utf8Length(entry.getKey()) + valueSize(entry.getValue());
                }
                yield size;
            }
            default -> 0;
        };
    }

    private static long setSize(String type, JsonNode content) {
        long size = 0;
        for (JsonNode element : content) {
            String text = element.asText();
            size += switch (type) {
                case "NS" -> numberSize(text);
                case "BS" -> Base64.getDecoder().decode(text).length;
                default -> utf8Length(text);
            };
        }
        return size;
    }

    /** About one byte per two significant digits, plus one. */
    private static long numberSize(String text) {
        BigDecimal number = new BigDecimal(text).stripTrailingZeros();
        int digits = number.unscaledValue().abs().toString().length();
        return (digits + 1) / 2 + 1;
    }

    private static long utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
