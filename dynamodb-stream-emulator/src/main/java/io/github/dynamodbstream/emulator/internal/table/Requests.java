package io.github.dynamodbstream.emulator.internal.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dynamodbstream.emulator.internal.ApiException;
import io.github.dynamodbstream.emulator.internal.expression.ExpressionContext;
import io.github.dynamodbstream.emulator.internal.expression.Expressions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Reads the common parts of item requests: required fields, expression substitutions, legacy parameters. */
final class Requests {

    private static final List<String> LEGACY_PARAMETERS = List.of(
            "AttributesToGet", "KeyConditions", "QueryFilter", "ScanFilter", "Expected", "AttributeUpdates",
            "ConditionalOperator");

    private Requests() {
    }

    static String requiredString(JsonNode request, String field) {
        JsonNode value = request.get(field);
        if (value == null || value.isNull() || !value.isTextual()) {
            throw ApiException.validation("1 validation error detected: Value null at '" + lowerFirst(field)
                    + "' failed to satisfy constraint: Member must not be null");
        }
        return value.asText();
    }

    static String optionalString(JsonNode request, String field) {
        JsonNode value = request.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** The {@code Limit} of a request, {@code null} when absent; at least 1. */
    static Integer limit(JsonNode request) {
        JsonNode value = request.get("Limit");
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.canConvertToInt() || value.asInt() < 1) {
            throw ApiException.validation("1 validation error detected: Value '" + value.asText()
                    + "' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1");
        }
        return value.asInt();
    }

    /**
     * The expression substitutions of a request, checked like DynamoDB checks them: every name and value given
     * must be used by one of the request's expressions ({@code null} entries are expressions absent).
     */
    static ExpressionContext expressionContext(JsonNode request, String... expressions) {
        rejectLegacyParameters(request);
        Map<String, String> names = new LinkedHashMap<>();
        request.path("ExpressionAttributeNames")
                .fields()
                .forEachRemaining(entry -> names.put(entry.getKey(), entry.getValue().asText()));
        ObjectNode values = JsonNodeFactory.instance.objectNode();
        request.path("ExpressionAttributeValues").fields().forEachRemaining(entry -> {
            AttributeValues.validateValue(entry.getValue());
            values.set(entry.getKey(), entry.getValue());
        });
        ExpressionContext context = new ExpressionContext(names, values);
        Expressions.requireAllSubstitutionsUsed(context, expressions);
        return context;
    }

    private static void rejectLegacyParameters(JsonNode request) {
        for (String parameter : LEGACY_PARAMETERS) {
            if (request.has(parameter) && !request.get(parameter).isNull()) {
                throw ApiException.validation("The legacy parameter " + parameter + " is not supported by this "
                        + "emulator; use the expression parameters (ConditionExpression, KeyConditionExpression, "
                        + "FilterExpression, UpdateExpression, ProjectionExpression) instead");
            }
        }
    }

    /** The ReturnValues of a request, checked against the values the operation accepts. */
    static String returnValues(JsonNode request, Set<String> allowed, String message) {
        String value = Objects.requireNonNullElse(optionalString(request, "ReturnValues"), "NONE");
        if (!allowed.contains(value)) {
            throw ApiException.validation(message);
        }
        return value;
    }

    private static String lowerFirst(String field) {
        return Character.toLowerCase(field.charAt(0)) + field.substring(1);
    }
}
