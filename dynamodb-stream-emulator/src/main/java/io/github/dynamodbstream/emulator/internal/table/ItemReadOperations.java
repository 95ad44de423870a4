package io.github.dynamodbstream.emulator.internal.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dynamodbstream.emulator.internal.ApiException;
import io.github.dynamodbstream.emulator.internal.Operation;
import io.github.dynamodbstream.emulator.internal.expression.Condition;
import io.github.dynamodbstream.emulator.internal.expression.ExpressionContext;
import io.github.dynamodbstream.emulator.internal.expression.Expressions;
import io.github.dynamodbstream.emulator.internal.expression.KeyCondition;
import io.github.dynamodbstream.emulator.internal.expression.Projection;
import java.util.Map;
import java.util.Set;

/** GetItem, Query and Scan. */
final class ItemReadOperations {

    private static final Set<String> SELECT_VALUES =
            Set.of("ALL_ATTRIBUTES", "ALL_PROJECTED_ATTRIBUTES", "SPECIFIC_ATTRIBUTES", "COUNT");

    private final Tables tables;

    ItemReadOperations(Tables tables) {
        this.tables = tables;
    }

    Map<String, Operation> operations() {
        return Map.of(
                "GetItem", this::getItem,
                "Query", this::query,
                "Scan", this::scan);
    }

    private JsonNode getItem(ObjectNode request) {
        Table table = tables.requireForItems(Requests.requiredString(request, "TableName"));
        String projectionExpression = Requests.optionalString(request, "ProjectionExpression");
        ExpressionContext context = Requests.expressionContext(request, projectionExpression);
        Projection projection = projectionExpression == null ? null
                : Expressions.projection(projectionExpression, context);
        ItemKey key = table.shape().keyOfKey(request.get("Key"));
        ObjectNode item = table.get(key);
        ObjectNode response = JsonNodeFactory.instance.objectNode();
        if (item != null) {
            response.set("Item", projection == null ? item : projection.apply(item));
        }
        return response;
    }

    private JsonNode query(ObjectNode request) {
        Table table = tables.requireForItems(Requests.requiredString(request, "TableName"));
        String indexName = Requests.optionalString(request, "IndexName");
        ItemSource source = ItemSource.of(table, indexName);
        String keyExpression = Requests.optionalString(request, "KeyConditionExpression");
        String filterExpression = Requests.optionalString(request, "FilterExpression");
        String projectionExpression = Requests.optionalString(request, "ProjectionExpression");
        ExpressionContext context =
                Requests.expressionContext(request, keyExpression, filterExpression, projectionExpression);
        if (keyExpression == null) {
            throw ApiException.validation(
                    "Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.");
        }
        KeyShape shape = source.shape();
        KeyCondition keyCondition =
                Expressions.keyCondition(keyExpression, context, shape.partitionName(), shape.sortName());
        KeyValue partition = partitionValue(shape, keyCondition.partitionKeyValue());
        ResultPager pager = pager(request, source, context, filterExpression, projectionExpression);
        boolean forward = request.path("ScanIndexForward").asBoolean(true);
        return pager.page(
                source.query(partition, keyCondition.sortKeyCondition(), forward, startKey(request)), source);
    }

    private JsonNode scan(ObjectNode request) {
        Table table = tables.requireForItems(Requests.requiredString(request, "TableName"));
        ItemSource source = ItemSource.of(table, Requests.optionalString(request, "IndexName"));
        String filterExpression = Requests.optionalString(request, "FilterExpression");
        String projectionExpression = Requests.optionalString(request, "ProjectionExpression");
        ExpressionContext context = Requests.expressionContext(request, filterExpression, projectionExpression);
        ScanSegment segment = ScanSegment.of(integer(request, "Segment"), integer(request, "TotalSegments"));
        ResultPager pager = pager(request, source, context, filterExpression, projectionExpression);
        return pager.page(source.scan(segment, startKey(request)), source);
    }

    private static ResultPager pager(ObjectNode request, ItemSource source, ExpressionContext context,
            String filterExpression, String projectionExpression) {
        String select = select(request, source, projectionExpression);
        Condition filter = filterExpression == null ? null : Expressions.filter(filterExpression, context);
        Projection projection = projectionExpression == null ? null
                : Expressions.projection(projectionExpression, context);
        return new ResultPager(Requests.limit(request), filter, projection, select.equals("COUNT"));
    }

    private static String select(ObjectNode request, ItemSource source, String projectionExpression) {
        String select = Requests.optionalString(request, "Select");
        if (select == null) {
            return projectionExpression == null ? "ALL_ATTRIBUTES" : "SPECIFIC_ATTRIBUTES";
        }
        if (!SELECT_VALUES.contains(select)) {
            throw ApiException.validation("1 validation error detected: Value '" + select + "' at 'select' failed "
                    + "to satisfy constraint: Member must satisfy enum value set: [SPECIFIC_ATTRIBUTES, COUNT, "
                    + "ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES]");
        }
        if (projectionExpression != null && !select.equals("SPECIFIC_ATTRIBUTES")) {
            throw ApiException.validation("Cannot specify the ProjectionExpression when choosing to get " + select
                    + "; use Select SPECIFIC_ATTRIBUTES or leave Select out");
        }
        if (projectionExpression == null && select.equals("SPECIFIC_ATTRIBUTES")) {
            throw ApiException.validation("Select SPECIFIC_ATTRIBUTES needs a ProjectionExpression naming the "
                    + "attributes to get");
        }
        boolean onIndex = source instanceof IndexItemSource;
        if (select.equals("ALL_PROJECTED_ATTRIBUTES") && !onIndex) {
            throw ApiException.validation("ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an "
                    + "IndexName");
        }
        if (select.equals("ALL_ATTRIBUTES") && onIndex && !((IndexItemSource) source).index().projectsAll()) {
            throw ApiException.validation("One or more parameter values were invalid: Select type ALL_ATTRIBUTES "
                    + "is not supported for index " + ((IndexItemSource) source).index().name() + " because its "
                    + "projection type is not ALL; use ALL_PROJECTED_ATTRIBUTES");
        }
        return select;
    }

    private static KeyValue partitionValue(KeyShape shape, JsonNode value) {
        if (!shape.partitionType().equals(AttributeValues.typeOf(value))) {
            throw ApiException.validation("One or more parameter values were invalid: Condition parameter type "
                    + "does not match schema type");
        }
        if (!shape.partitionType().equals("N") && value.get(shape.partitionType()).asText().isEmpty()) {
            throw ApiException.validation("One or more parameter values are not valid. The AttributeValue for a key "
                    + "attribute cannot contain an empty string value. Key: " + shape.partitionName());
        }
        return KeyValue.of(shape.partitionType(), value);
    }

    private static JsonNode startKey(ObjectNode request) {
        JsonNode key = request.get("ExclusiveStartKey");
        return key == null || key.isNull() ? null : key;
    }

    private static Integer integer(ObjectNode request, String field) {
        JsonNode value = request.get(field);
        return value == null || value.isNull() ? null : value.asInt();
    }
}
