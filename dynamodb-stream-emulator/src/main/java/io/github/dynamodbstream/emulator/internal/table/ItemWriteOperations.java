package io.github.dynamodbstream.emulator.internal.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dynamodbstream.emulator.internal.ApiError;
import io.github.dynamodbstream.emulator.internal.ApiException;
import io.github.dynamodbstream.emulator.internal.Operation;
import io.github.dynamodbstream.emulator.internal.expression.Condition;
import io.github.dynamodbstream.emulator.internal.expression.ExpressionContext;
import io.github.dynamodbstream.emulator.internal.expression.Expressions;
import io.github.dynamodbstream.emulator.internal.expression.Update;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * PutItem, UpdateItem and DeleteItem, with ConditionExpression and ReturnValues; the legacy Expected and
 * AttributeUpdates parameters are rewritten into expressions first.
 */
final class ItemWriteOperations {

    private static final Set<String> PUT_OR_DELETE_RETURN_VALUES = Set.of("NONE", "ALL_OLD");
    private static final Set<String> UPDATE_RETURN_VALUES =
            Set.of("NONE", "ALL_OLD", "ALL_NEW", "UPDATED_OLD", "UPDATED_NEW");

    private final Tables tables;

    ItemWriteOperations(Tables tables) {
        this.tables = tables;
    }

    Map<String, Operation> operations() {
        return Map.of(
                "PutItem", this::putItem,
                "UpdateItem", this::updateItem,
                "DeleteItem", this::deleteItem);
    }

    private JsonNode putItem(ObjectNode request) {
        JsonNode item = request.get("Item");
        return replaceItem(request, table -> ItemChecks.checkNewItem(table, item), item);
    }

    private JsonNode deleteItem(ObjectNode request) {
        return replaceItem(request, table -> table.shape().keyOfKey(request.get("Key")), null);
    }

    /** PutItem and DeleteItem: the item named by {@code keyOf} becomes {@code newItem}, or goes when it is null. */
    private JsonNode replaceItem(ObjectNode request, Function<Table, ItemKey> keyOf, JsonNode newItem) {
        LegacyWriteParameters.rewrite(request);
        Table table = tables.requireForItems(Requests.requiredString(request, "TableName"));
        String returnValues = Requests.returnValues(request, PUT_OR_DELETE_RETURN_VALUES,
                "ReturnValues can only be ALL_OLD or NONE");
        String conditionExpression = Requests.optionalString(request, "ConditionExpression");
        ExpressionContext context = Requests.expressionContext(request, conditionExpression);
        Condition condition = conditionExpression == null ? null
                : Expressions.condition(conditionExpression, context);
        ItemKey key = keyOf.apply(table);
        ObjectNode oldItem = table.get(key);
        requireCondition(condition, oldItem);
        if (newItem != null || oldItem != null) {
            table.write(key, (ObjectNode) newItem, false);
        }
        return oldAttributes(returnValues, oldItem);
    }

    private JsonNode updateItem(ObjectNode request) {
        LegacyWriteParameters.rewrite(request);
        Table table = tables.requireForItems(Requests.requiredString(request, "TableName"));
        String returnValues = Requests.returnValues(request, UPDATE_RETURN_VALUES,
                "1 validation error detected: Value '" + request.path("ReturnValues").asText() + "' at "
                        + "'returnValues' failed to satisfy constraint: Member must satisfy enum value set: "
                        + "[ALL_NEW, UPDATED_OLD, ALL_OLD, NONE, UPDATED_NEW]");
        String updateExpression = Requests.optionalString(request, "UpdateExpression");
        String conditionExpression = Requests.optionalString(request, "ConditionExpression");
        ExpressionContext context = Requests.expressionContext(request, updateExpression, conditionExpression);
        Update update = updateExpression == null ? null : Expressions.update(updateExpression, context);
        Condition condition = conditionExpression == null ? null
                : Expressions.condition(conditionExpression, context);
        ItemKey key = table.shape().keyOfKey(request.get("Key"));
        ObjectNode oldItem = table.get(key);
        requireCondition(condition, oldItem);
        ObjectNode base = oldItem != null ? oldItem : table.shape().itemOf(key);
        ObjectNode newItem = update == null ? base : update.apply(base);
        ItemChecks.checkUpdatedItem(table, base, newItem);
        table.write(key, newItem, false);
        return updateResponse(table.shape(), returnValues, oldItem, newItem);
    }

    private static void requireCondition(Condition condition, ObjectNode oldItem) {
        if (condition != null && !condition.test(oldItem)) {
            throw ApiError.CONDITIONAL_CHECK_FAILED.exception("The conditional request failed");
        }
    }

    private static ObjectNode oldAttributes(String returnValues, ObjectNode oldItem) {
        ObjectNode response = JsonNodeFactory.instance.objectNode();
        if (returnValues.equals("ALL_OLD") && oldItem != null) {
            response.set("Attributes", oldItem);
        }
        return response;
    }

    private static ObjectNode updateResponse(
            KeyShape shape, String returnValues, ObjectNode oldItem, ObjectNode newItem) {
        ObjectNode response = JsonNodeFactory.instance.objectNode();
        ObjectNode attributes = switch (returnValues) {
            case "ALL_OLD" -> oldItem;
            case "ALL_NEW" -> newItem;
            case "UPDATED_OLD" -> changedAttributes(shape, oldItem, oldItem, newItem);
            case "UPDATED_NEW" -> changedAttributes(shape, newItem, oldItem, newItem);
            default -> null;
        };
        if (attributes != null && !attributes.isEmpty()) {
            response.set("Attributes", attributes);
        }
        return response;
    }

    /** The non-key attributes of {@code source} whose value differs between the old and the new item. */
    private static ObjectNode changedAttributes(
            KeyShape shape, ObjectNode source, ObjectNode oldItem, ObjectNode newItem) {
        ObjectNode changed = JsonNodeFactory.instance.objectNode();
        if (source == null) {
            return changed;
        }
        source.fields().forEachRemaining(attribute -> {
            String name = attribute.getKey();
            JsonNode before = oldItem == null ? null : oldItem.get(name);
            if (!shape.isKeyAttribute(name) && !Objects.equals(before, newItem.get(name))) {
                changed.set(name, attribute.getValue());
            }
        });
        return changed;
    }
}
