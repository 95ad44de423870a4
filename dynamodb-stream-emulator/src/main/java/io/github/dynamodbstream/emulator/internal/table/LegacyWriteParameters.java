package io.github.dynamodbstream.emulator.internal.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dynamodbstream.emulator.internal.ApiException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Rewrites the legacy conditional-write parameters of PutItem, UpdateItem and DeleteItem ({@code Expected} with
 * {@code ConditionalOperator}, {@code AttributeUpdates}) into the equivalent expressions, so one evaluator serves
 * both forms. Clients that still send them include the Kinesis Client Library's lease code.
 *
 * <p>Attribute names and values become {@code #legacyN} and {@code :legacyN} substitutions; DynamoDB forbids
 * mixing the legacy and the expression parameters in one request, so they cannot clash with the caller's own.
 */
final class LegacyWriteParameters {

    private static final List<String> EXPRESSION_PARAMETERS = List.of(
            "ConditionExpression", "UpdateExpression", "ExpressionAttributeNames", "ExpressionAttributeValues");

    private final ObjectNode request;
    private final ObjectNode names;
    private final ObjectNode values;
    private int counter;

    private LegacyWriteParameters(ObjectNode request) {
        this.request = request;
        this.names = request.objectNode();
        this.values = request.objectNode();
    }

    /** Replaces the legacy parameters of the request, if it has any, by expressions; leaves others as they are. */
    static void rewrite(ObjectNode request) {
        List<String> legacy = present(request, List.of("Expected", "ConditionalOperator", "AttributeUpdates"));
        if (legacy.isEmpty()) {
            return;
        }
        List<String> expressions = present(request, EXPRESSION_PARAMETERS);
        if (!expressions.isEmpty()) {
            throw ApiException.validation("Can not use both expression and non-expression parameters in the same "
                    + "request: Non-expression parameters: {" + String.join(", ", legacy)
                    + "} Expression parameters: {" + String.join(", ", expressions) + "}");
        }
        new LegacyWriteParameters(request).rewriteAll();
    }

    private void rewriteAll() {
        JsonNode expected = request.remove("Expected");
        JsonNode operator = request.remove("ConditionalOperator");
        JsonNode updates = request.remove("AttributeUpdates");
        if (operator != null && (expected == null || expected.isEmpty())) {
            throw ApiException.validation("ConditionalOperator cannot be used without Expected");
        }
        if (expected != null && !expected.isEmpty()) {
            request.put("ConditionExpression", condition(expected, operatorOf(operator)));
        }
        if (updates != null && !updates.isEmpty()) {
            request.put("UpdateExpression", update(updates));
        }
        if (!names.isEmpty()) {
            request.set("ExpressionAttributeNames", names);
        }
        if (!values.isEmpty()) {
            request.set("ExpressionAttributeValues", values);
        }
    }

    private static String operatorOf(JsonNode operator) {
        String value = operator == null || operator.isNull() ? "AND" : operator.asText();
        if (!value.equals("AND") && !value.equals("OR")) {
            throw ApiException.validation("1 validation error detected: Value '" + value + "' at "
                    + "'conditionalOperator' failed to satisfy constraint: Member must satisfy enum value set: "
                    + "[AND, OR]");
        }
        return value;
    }

    private String condition(JsonNode expected, String operator) {
        StringJoiner joined = new StringJoiner(" " + operator + " ");
        for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            joined.add("(" + expectation(name(entry.getKey()), entry.getValue()) + ")");
        }
        return joined.toString();
    }

    private String expectation(String name, JsonNode spec) {
        JsonNode value = spec.get("Value");
        JsonNode exists = spec.get("Exists");
        JsonNode comparison = spec.get("ComparisonOperator");
        if (comparison != null && !comparison.isNull()) {
            if (value != null || exists != null) {
                throw ApiException.validation("One or more parameter values were invalid: Value or Exists cannot "
                        + "be used with ComparisonOperator");
            }
            return comparison(name, comparison.asText(), valueList(spec.get("AttributeValueList")));
        }
        boolean mustExist = exists == null || exists.isNull() || exists.asBoolean();
        if (mustExist && value == null) {
            throw ApiException.validation("One or more parameter values were invalid: Value must be provided when "
                    + "Exists is true for Attribute: " + names.get(name).asText());
        }
        if (!mustExist && value != null) {
            throw ApiException.validation("One or more parameter values were invalid: Value cannot be used when "
                    + "Exists is false for Attribute: " + names.get(name).asText());
        }
        return mustExist ? name + " = " + value(value) : "attribute_not_exists(" + name + ")";
    }

    private String comparison(String name, String operator, List<JsonNode> arguments) {
        return switch (operator) {
            case "NULL" -> withArguments(operator, arguments, 0, "attribute_not_exists(" + name + ")");
            case "NOT_NULL" -> withArguments(operator, arguments, 0, "attribute_exists(" + name + ")");
            case "EQ", "NE", "LT", "LE", "GT", "GE" -> withArguments(operator, arguments, 1,
                    name + " " + symbol(operator) + " " + value(arguments.get(0)));
            case "CONTAINS" -> withArguments(operator, arguments, 1,
                    "contains(" + name + ", " + value(arguments.get(0)) + ")");
            case "NOT_CONTAINS" -> withArguments(operator, arguments, 1,
                    "NOT contains(" + name + ", " + value(arguments.get(0)) + ")");
            case "BEGINS_WITH" -> withArguments(operator, arguments, 1,
                    "begins_with(" + name + ", " + value(arguments.get(0)) + ")");
            case "BETWEEN" -> withArguments(operator, arguments, 2, name + " BETWEEN "
                    + value(arguments.get(0)) + " AND " + value(arguments.get(1)));
            case "IN" -> inList(name, arguments);
            default -> throw ApiException.validation("1 validation error detected: Value '" + operator + "' at "
                    + "'comparisonOperator' failed to satisfy constraint: Member must satisfy enum value set: "
                    + "[IN, NULL, BETWEEN, LT, NOT_CONTAINS, EQ, GT, NOT_NULL, NE, LE, BEGINS_WITH, GE, CONTAINS]");
        };
    }

    private String inList(String name, List<JsonNode> arguments) {
        if (arguments.isEmpty()) {
            throw invalidArgumentCount("IN");
        }
        StringJoiner candidates = new StringJoiner(", ", name + " IN (", ")");
        arguments.forEach(argument -> candidates.add(value(argument)));
        return candidates.toString();
    }

    private static String withArguments(String operator, List<JsonNode> arguments, int count, String expression) {
        if (arguments.size() != count) {
            throw invalidArgumentCount(operator);
        }
        return expression;
    }

    private static ApiException invalidArgumentCount(String operator) {
        return ApiException.validation("One or more parameter values were invalid: Invalid number of argument(s) "
                + "for the " + operator + " ComparisonOperator");
    }

    private static String symbol(String operator) {
        return switch (operator) {
            case "EQ" -> "=";
            case "NE" -> "<>";
            case "LT" -> "<";
            case "LE" -> "<=";
            case "GT" -> ">";
            default -> ">=";
        };
    }

    private static List<JsonNode> valueList(JsonNode list) {
        List<JsonNode> arguments = new ArrayList<>();
        if (list != null && list.isArray()) {
            list.forEach(arguments::add);
        }
        return arguments;
    }

    private String update(JsonNode updates) {
        List<String> sets = new ArrayList<>();
        List<String> removes = new ArrayList<>();
        List<String> adds = new ArrayList<>();
        List<String> deletes = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = updates.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String name = name(entry.getKey());
            JsonNode value = entry.getValue().get("Value");
            String action = entry.getValue().path("Action").asText("PUT");
            switch (action) {
                case "PUT" -> {
                    if (value == null) {
                        throw ApiException.validation("One or more parameter values were invalid: Only DELETE "
                                + "action is allowed when no attribute value is specified");
                    }
                    sets.add(name + " = " + value(value));
                }
                case "DELETE" -> {
                    if (value == null) {
                        removes.add(name);
                    } else {
                        deletes.add(name + " " + value(value));
                    }
                }
                case "ADD" -> {
                    if (value == null) {
                        throw ApiException.validation("One or more parameter values were invalid: Only DELETE "
                                + "action is allowed when no attribute value is specified");
                    }
                    adds.add(name + " " + value(value));
                }
                default -> throw ApiException.validation("1 validation error detected: Value '" + action + "' at "
                        + "'attributeUpdates." + entry.getKey() + ".member.action' failed to satisfy constraint: "
                        + "Member must satisfy enum value set: [ADD, PUT, DELETE]");
            }
        }
        StringJoiner clauses = new StringJoiner(" ");
        clause(clauses, "SET", sets);
        clause(clauses, "REMOVE", removes);
        clause(clauses, "ADD", adds);
        clause(clauses, "DELETE", deletes);
        return clauses.toString();
    }

    private static void clause(StringJoiner clauses, String keyword, List<String> actions) {
        if (!actions.isEmpty()) {
            clauses.add(keyword + " " + String.join(", ", actions));
        }
    }

    private String name(String attribute) {
        String placeholder = "#legacy" + counter++;
        names.put(placeholder, attribute);
        return placeholder;
    }

    private String value(JsonNode value) {
        String placeholder = ":legacy" + counter++;
        values.set(placeholder, value);
        return placeholder;
    }

    private static List<String> present(ObjectNode request, List<String> parameters) {
        return parameters.stream()
                .filter(parameter -> request.has(parameter) && !request.get(parameter).isNull())
                .toList();
    }
}
