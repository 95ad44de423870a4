package io.github.dynamodbstream.emulator.internal.stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.dynamodbstream.emulator.internal.ApiException;

/** Reads request fields and answers ValidationException the way DynamoDB words it. */
final class Requests {

    private Requests() {
    }

    static String requiredString(JsonNode request, String field) {
        String value = optionalString(request, field);
        if (value == null) {
            throw ApiException.validation("1 validation error detected: Value null at '" + memberName(field)
                    + "' failed to satisfy constraint: Member must not be null");
        }
        return value;
    }

    static String optionalString(JsonNode request, String field) {
        JsonNode node = request.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw ApiException.validation("1 validation error detected: Value at '" + memberName(field)
                    + "' must be a string");
        }
        return node.asText();
    }

    static int optionalInt(JsonNode request, String field, int min, int max, int defaultValue) {
        JsonNode node = request.get(field);
        if (node == null || node.isNull()) {
            return defaultValue;
        }
        if (!node.canConvertToInt() || !node.isIntegralNumber() || node.intValue() < min || node.intValue() > max) {
            throw ApiException.validation("1 validation error detected: Value '" + node.asText() + "' at '"
                    + memberName(field) + "' failed to satisfy constraint: Member must have value between "
                    + min + " and " + max);
        }
        return node.intValue();
    }

    private static String memberName(String field) {
        return Character.toLowerCase(field.charAt(0)) + field.substring(1);
    }
}
