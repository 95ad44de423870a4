package io.github.dynamodbstream.emulator.internal.stream;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/** The size DynamoDB counts for attributes: names and values in bytes, as its item size rules describe. */
final class ItemSize {

    private ItemSize() {
    }

    /** Size of an attribute map in DynamoDB JSON ({@code {"name": {"S": "..."}, ...}}); 0 for {@code null}. */
    static int of(JsonNode attributes) {
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
        if (value == null || !value.isObject() || value.isEmpty()) {
            return 0;
        }
        Map.Entry<String, JsonNode> typed = value.properties().iterator().next();
        JsonNode content = typed.getValue();
        return switch (typed.getKey()) {
            case "S" -> utf8Length(content.asText());
            case "N" -> numberSize(content.asText());
            case "B" -> binarySize(content.asText());
            case "BOOL", "NULL" -> 1;
            case "SS" -> sum(content, "S");
            case "NS" -> sum(content, "N");
            case "BS" -> sum(content, "B");
            case "L" -> listSize(content);
            case "M" -> 3 + of(content) + content.size();
            default -> 0;
        };
    }

    private static int sum(JsonNode elements, String type) {
        int size = 0;
        for (JsonNode element : elements) {
            String text = element.asText();
            size += switch (type) {
                case "S" -> utf8Length(text);
                case "N" -> numberSize(text);
                default -> binarySize(text);
            };
        }
        return size;
    }

    private static int listSize(JsonNode elements) {
        int size = 3;
        for (JsonNode element : elements) {
            size += valueSize(element) + 1;
        }
        return size;
    }

    private static int numberSize(String number) {
        int digits = 0;
        for (int i = 0; i < number.length(); i++) {
            char c = number.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            }
        }
        return (digits + 1) / 2 + 1;
    }

    private static int binarySize(String base64) {
        int length = base64.length();
        int padding = length > 0 && base64.charAt(length - 1) == '=' ? (length > 1 && base64.charAt(length - 2) == '=' ? 2 : 1) : 0;
        return length / 4 * 3 - padding;
    }

    static int utf8Length(String text) {
        int length = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                length++;
            } else if (c < 0x800) {
                length += 2;
            } else if (Character.isHighSurrogate(c)) {
                length += 4;
                i++;
            } else {
                length += 3;
            }
        }
        return length;
    }
}
