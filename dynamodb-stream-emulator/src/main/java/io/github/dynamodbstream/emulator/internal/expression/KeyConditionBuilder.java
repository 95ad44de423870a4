package io.github.dynamodbstream.emulator.internal.expression;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.dynamodbstream.emulator.internal.ApiException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a parsed key condition expression into a {@link KeyCondition}: one equality on the partition key, joined
 * by AND to at most one condition on the sort key ({@code =, <, <=, >, >=, BETWEEN, begins_with}).
 */
record KeyConditionBuilder(String partitionKeyName, String sortKeyName) {

    private static final String NOT_SUPPORTED = "Query key condition not supported";

    static KeyCondition build(ConditionNode root, String partitionKeyName, String sortKeyName) {
        return new KeyConditionBuilder(partitionKeyName, sortKeyName).build(root);
    }

    /** One condition on one key attribute. */
    private record Term(String attribute, JsonNode equalTo, KeyCondition.SortKeyCondition test) {
    }

    private KeyCondition build(ConditionNode root) {
        List<ConditionNode> conditions = new ArrayList<>();
        flatten(root, conditions);
        if (conditions.size() > 2) {
            throw ApiException.validation("Conditions can be of length 1 or 2 only");
        }
        Term partition = null;
        Term sort = null;
        for (ConditionNode condition : conditions) {
            Term term = term(condition);
            if (term.attribute().equals(partitionKeyName)) {
                if (term.equalTo() == null) {
                    throw ApiException.validation(NOT_SUPPORTED);
                }
                partition = onlyOne(partition, term);
            } else if (term.attribute().equals(sortKeyName)) {
                sort = onlyOne(sort, term);
            } else {
                throw ApiException.validation(sortKeyName == null
                        ? NOT_SUPPORTED
                        : "Query condition missed key schema element: " + sortKeyName);
            }
        }
        if (partition == null) {
            throw ApiException.validation("Query condition missed key schema element: " + partitionKeyName);
        }
        return new KeyCondition(partition.equalTo(), sort == null ? null : sort.test());
    }

    private static Term onlyOne(Term existing, Term term) {
        if (existing != null) {
            throw ApiException.validation("KeyConditionExpressions must only contain one condition per key");
        }
        return term;
    }

    private static void flatten(ConditionNode node, List<ConditionNode> conditions) {
        if (node instanceof ConditionNode.And and) {
            flatten(and.left(), conditions);
            flatten(and.right(), conditions);
        } else if (node instanceof ConditionNode.Or) {
            throw invalidOperator("OR");
        } else if (node instanceof ConditionNode.Not) {
            throw invalidOperator("NOT");
        } else if (node instanceof ConditionNode.In) {
            throw invalidOperator("IN");
        } else if (node instanceof ConditionNode.Comparison comparison
                && comparison.operator() == ComparisonOperator.NOT_EQUAL) {
            throw invalidOperator("<>");
        } else if (node instanceof ConditionNode.FunctionCall call
                && call.function() != ConditionFunction.BEGINS_WITH) {
            throw invalidOperator(call.function().expressionName());
        } else {
            conditions.add(node);
        }
    }

    private static Term term(ConditionNode condition) {
        if (condition instanceof ConditionNode.Comparison comparison) {
            boolean keyOnLeft = comparison.left() instanceof Operand.Path;
            Operand key = keyOnLeft ? comparison.left() : comparison.right();
            JsonNode value = value(keyOnLeft ? comparison.right() : comparison.left());
            ComparisonOperator operator = keyOnLeft ? comparison.operator() : comparison.operator().mirrored();
            JsonNode equalTo = operator == ComparisonOperator.EQUAL ? value : null;
            return new Term(attribute(key), equalTo, sortKey -> operator.test(sortKey, value));
        }
        if (condition instanceof ConditionNode.Between between) {
            JsonNode lower = value(between.lower());
            JsonNode upper = value(between.upper());
            return new Term(attribute(between.operand()), null,
                    sortKey -> ComparisonOperator.GREATER_OR_EQUAL.test(sortKey, lower)
                            && ComparisonOperator.LESS_OR_EQUAL.test(sortKey, upper));
        }
        List<Operand> arguments = ((ConditionNode.FunctionCall) condition).arguments();
        JsonNode prefix = value(arguments.get(1));
        return new Term(attribute(arguments.get(0)), null,
                sortKey -> sortKey != null && AttributeValues.beginsWith(sortKey, prefix));
    }

    private static String attribute(Operand operand) {
        if (operand instanceof Operand.Path path && path.path().isTopLevel()) {
            return path.path().topLevelName();
        }
        throw ApiException.validation(NOT_SUPPORTED);
    }

    private static JsonNode value(Operand operand) {
        if (operand instanceof Operand.Value value) {
            return value.value();
        }
        throw ApiException.validation(NOT_SUPPORTED);
    }

    private static ApiException invalidOperator(String operator) {
        return ApiException.validation("Invalid operator used in KeyConditionExpression: " + operator);
    }
}
