package io.github.dynamodbstream.emulator.internal.expression;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.List;

/** Evaluates a parsed condition against an item. */
final class ConditionEvaluator implements Condition {

    private final ConditionNode root;

    ConditionEvaluator(ConditionNode root) {
        this.root = root;
    }

    @Override
    public boolean test(ObjectNode item) {
        return evaluate(root, item == null ? JsonNodeFactory.instance.objectNode() : item);
    }

    private static boolean evaluate(ConditionNode node, ObjectNode item) {
        if (node instanceof ConditionNode.And and) {
            return evaluate(and.left(), item) && evaluate(and.right(), item);
        }
        if (node instanceof ConditionNode.Or or) {
            return evaluate(or.left(), item) || evaluate(or.right(), item);
        }
        if (node instanceof ConditionNode.Not not) {
            return !evaluate(not.operand(), item);
        }
        if (node instanceof ConditionNode.Comparison comparison) {
            return comparison.operator().test(value(comparison.left(), item), value(comparison.right(), item));
        }
        if (node instanceof ConditionNode.Between between) {
            JsonNode value = value(between.operand(), item);
            return ComparisonOperator.GREATER_OR_EQUAL.test(value, value(between.lower(), item))
                    && ComparisonOperator.LESS_OR_EQUAL.test(value, value(between.upper(), item));
        }
        if (node instanceof ConditionNode.In in) {
            JsonNode value = value(in.operand(), item);
            return in.candidates().stream()
                    .anyMatch(candidate -> ComparisonOperator.EQUAL.test(value, value(candidate, item)));
        }
        return call((ConditionNode.FunctionCall) node, item);
    }

    private static boolean call(ConditionNode.FunctionCall call, ObjectNode item) {
        List<Operand> arguments = call.arguments();
        JsonNode subject = value(arguments.get(0), item);
        JsonNode operand = arguments.size() > 1 ? value(arguments.get(1), item) : null;
        switch (call.function()) {
            case ATTRIBUTE_EXISTS:
                return subject != null;
            case ATTRIBUTE_NOT_EXISTS:
                return subject == null;
            case ATTRIBUTE_TYPE:
                return subject != null && AttributeValues.isType(operand, "S")
                        && AttributeValues.type(subject).equals(operand.get("S").asText());
            case BEGINS_WITH:
                return subject != null && operand != null && AttributeValues.beginsWith(subject, operand);
            default:
                return subject != null && operand != null && AttributeValues.contains(subject, operand);
        }
    }

    /** The value of a condition operand, {@code null} when it refers to nothing. */
    private static JsonNode value(Operand operand, ObjectNode item) {
        if (operand instanceof Operand.Value value) {
            return value.value();
        }
        if (operand instanceof Operand.Path path) {
            return PathNavigator.resolve(item, path.path());
        }
        JsonNode sized = PathNavigator.resolve(item, ((Operand.Size) operand).path());
        Integer size = sized == null ? null : AttributeValues.size(sized);
        return size == null ? null : AttributeValues.numberValue(BigDecimal.valueOf(size));
    }
}
