package io.github.dynamodbstream.emulator.internal.expression;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dynamodbstream.emulator.internal.ApiException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Applies parsed update actions to a copy of an item. Every new value is computed from the item as it was before
 * the update, as DynamoDB does ({@code SET a = b, b = a} swaps), then the changes are written.
 */
final class ItemUpdater implements Update {

    static final String MISSING_OPERAND = "The provided expression refers to an attribute that does not exist in the item";
    static final String WRONG_OPERAND_TYPE = "An operand in the update expression has an incorrect data type";

    // Removals from one list run from its highest index down, so that each index means the same element it did
    // before the update.
    private static final Comparator<DocumentPath> REMOVAL_ORDER = (first, second) -> {
        List<PathElement> one = first.elements();
        List<PathElement> two = second.elements();
        for (int i = 0; i < Math.min(one.size(), two.size()); i++) {
            int comparison = compare(one.get(i), two.get(i));
            if (comparison != 0) {
                return comparison;
            }
        }
        return Integer.compare(one.size(), two.size());
    };

    private final List<UpdateAction> actions;

    ItemUpdater(List<UpdateAction> actions) {
        this.actions = List.copyOf(actions);
    }

    @Override
    public ObjectNode apply(ObjectNode item) {
        ObjectNode updated = item.deepCopy();
        List<DocumentPath> removals = new ArrayList<>();
        for (UpdateAction action : actions) {
            JsonNode current = PathNavigator.resolve(item, action.path());
            if (action instanceof UpdateAction.RemoveAction) {
                removals.add(action.path());
            } else if (action instanceof UpdateAction.DeleteAction delete) {
                if (current != null) {
                    JsonNode remaining = delete(current, delete.value().value());
                    if (remaining == null) {
                        removals.add(action.path());
                    } else {
                        PathNavigator.set(updated, action.path(), remaining);
                    }
                }
            } else {
                JsonNode value = action instanceof UpdateAction.AddAction add
                        ? add(current, add.value().value())
                        : evaluate(((UpdateAction.SetAction) action).value(), item);
                PathNavigator.set(updated, action.path(), value.deepCopy());
            }
        }
        removals.sort(REMOVAL_ORDER);
        removals.forEach(path -> PathNavigator.remove(updated, path));
        return updated;
    }

    private static JsonNode add(JsonNode current, JsonNode addend) {
        if (current == null) {
            return addend;
        }
        if (!AttributeValues.type(current).equals(AttributeValues.type(addend))) {
            throw ApiException.validation(WRONG_OPERAND_TYPE);
        }
        if (AttributeValues.isType(current, "N")) {
            return AttributeValues.numberValue(AttributeValues.number(current).add(AttributeValues.number(addend)));
        }
        return AttributeValues.union(current, addend);
    }

    private static JsonNode delete(JsonNode current, JsonNode subset) {
        if (!AttributeValues.type(current).equals(AttributeValues.type(subset))) {
            throw ApiException.validation(WRONG_OPERAND_TYPE);
        }
        ObjectNode remaining = AttributeValues.difference(current, subset);
        // DynamoDB holds no empty sets: removing the last elements removes the attribute.
        return remaining.get(AttributeValues.type(remaining)).isEmpty() ? null : remaining;
    }

    private static JsonNode evaluate(Operand operand, ObjectNode item) {
        if (operand instanceof Operand.Value value) {
            return value.value();
        }
        if (operand instanceof Operand.Path path) {
            JsonNode value = PathNavigator.resolve(item, path.path());
            if (value == null) {
                throw ApiException.validation(MISSING_OPERAND);
            }
            return value;
        }
        if (operand instanceof Operand.IfNotExists ifNotExists) {
            JsonNode value = PathNavigator.resolve(item, ifNotExists.path());
            return value != null ? value : evaluate(ifNotExists.fallback(), item);
        }
        if (operand instanceof Operand.ListAppend append) {
            ArrayNode list = require(evaluate(append.first(), item), "L").get("L").deepCopy();
            list.addAll((ArrayNode) require(evaluate(append.second(), item), "L").get("L"));
            ObjectNode result = list.objectNode();
            result.set("L", list);
            return result;
        }
        Operand.Arithmetic arithmetic = (Operand.Arithmetic) operand;
        BigDecimal left = AttributeValues.number(require(evaluate(arithmetic.left(), item), "N"));
        BigDecimal right = AttributeValues.number(require(evaluate(arithmetic.right(), item), "N"));
        return AttributeValues.numberValue(arithmetic.subtract() ? left.subtract(right) : left.add(right));
    }

    private static JsonNode require(JsonNode value, String type) {
        if (!AttributeValues.isType(value, type)) {
            throw ApiException.validation(WRONG_OPERAND_TYPE);
        }
        return value;
    }

    private static int compare(PathElement first, PathElement second) {
        if (first instanceof PathElement.Index one && second instanceof PathElement.Index two) {
            return Integer.compare(two.index(), one.index());
        }
        return first.toString().compareTo(second.toString());
    }
}
