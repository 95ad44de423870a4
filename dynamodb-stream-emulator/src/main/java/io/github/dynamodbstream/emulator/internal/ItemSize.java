package io.github.dynamodbstream.emulator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * An item's size as DynamoDB counts it, for the 400 KB item limit and a stream record's {@code SizeBytes}: each
 * attribute name's UTF-8 bytes plus its value's. A string counts its UTF-8 bytes, a binary its raw bytes, a number
 * one byte per two significant digits plus one, a Boolean or null one byte, a set the sum of its elements, a list
 * or map 3 bytes plus one per element plus its elements (and, in a map, their names).
 */
public final class ItemSize {

    /** DynamoDB's item size limit, 400 KB. */
    public static final int MAX_ITEM_BYTES = 400 * 1024;

    private ItemSize() {
    }

    /** The size of an attribute map in DynamoDB JSON ({@code {"name": {"S": "..."}, ...}}); 0 for {@code null}. */
    public static int of(JsonNode attributes) {
        if (attributes == null) {
            return 0;
        }
        int size = 0;
        for (Map.Entry<String, JsonNode> attribute : attributes.properties()) {
            size += utf8Length(attribute.getKey()) + valueSize(attribute.getValue());
        }
        return size;
    }

    private static int valueSize(JsonNode value) {
        Map.Entry<String, JsonNode> typed = value.properties().iterator().next();
        JsonNode content = typed.getValue();
        return switch (typed.getKey()) {
            case "BOOL", "NULL" -> 1;
            case "L" -> {
                int size = 3;
                for (JsonNode element : content) {
                    size += 1 + valueSize(element);
                }
                yield size;
            }
            case "M" -> 3 + content.size() + of(content);
            case "SS", "NS", "BS" -> {
                String elementType = typed.getKey().substring(0, 1);
                int size = 0;
                for (JsonNode element : content) {
                    size += scalarSize(elementType, element.asText());
                }
                yield size;
            }
            default -> scalarSize(typed.getKey(), content.asText());
        };
    }

    private static int scalarSize(String type, String text) {
        return switch (type) {
            case "N" -> (DynamoDbNumber.significantDigits(text) + 1) / 2 + 1;
            case "B" -> Base64.getDecoder().decode(text).length;
            default -> utf8Length(text);
        };
    }

    private static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
