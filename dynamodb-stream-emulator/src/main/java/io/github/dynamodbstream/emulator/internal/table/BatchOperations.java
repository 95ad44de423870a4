package io.github.dynamodbstream.emulator.internal.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dynamodbstream.emulator.internal.ApiException;
import io.github.dynamodbstream.emulator.internal.Operation;
import io.github.dynamodbstream.emulator.internal.expression.ExpressionContext;
import io.github.dynamodbstream.emulator.internal.expression.Expressions;
import io.github.dynamodbstream.emulator.internal.expression.Projection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * BatchWriteItem and BatchGetItem. The emulator processes every request of a batch, so UnprocessedItems and
 * UnprocessedKeys are always empty. A batch is checked whole before any of it is applied.
 */
final class BatchOperations {

    private static final int MAX_WRITES = 25;
    private static final int MAX_KEYS = 100;

    private final Tables tables;

    BatchOperations(Tables tables) {
        this.tables = tables;
    }

    Map<String, Operation> operations() {
        return Map.of(
                "BatchWriteItem", this::batchWriteItem,
                "BatchGetItem", this::batchGetItem);
    }

    private JsonNode batchWriteItem(ObjectNode request) {
        JsonNode requestItems = requestItems(request);
        List<Write> writes = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = requestItems.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            Table table = tables.requireForItems(entry.getKey());
            Set<ItemKey> seen = new HashSet<>();
            for (JsonNode writeRequest : entry.getValue()) {
                Write write = write(table, writeRequest);
                if (!seen.add(write.key())) {
                    throw ApiException.validation("Provided list of item keys contains duplicates");
                }
                writes.add(write);
            }
        }
        if (writes.isEmpty() || writes.size() > MAX_WRITES) {
            throw ApiException.validation("Too many items requested for the BatchWriteItem call: " + writes.size()
                    + " write requests, at least 1 and at most " + MAX_WRITES + "; split the batch");
        }
        for (Write write : writes) {
            write.table().write(write.key(), write.item(), false);
        }
        ObjectNode response = JsonNodeFactory.instance.objectNode();
        response.putObject("UnprocessedItems");
        return response;
    }

    private static Write write(Table table, JsonNode writeRequest) {
        JsonNode put = writeRequest.get("PutRequest");
        JsonNode delete = writeRequest.get("DeleteRequest");
        boolean hasPut = put != null && !put.isNull();
        boolean hasDelete = delete != null && !delete.isNull();
        if (hasPut == hasDelete) {
            throw ApiException.validation("Each WriteRequest of a BatchWriteItem must hold exactly one of "
                    + "PutRequest or DeleteRequest");
        }
        if (hasPut) {
            JsonNode item = put.get("Item");
            ItemKey key = ItemChecks.checkNewItem(table, item);
            return new Write(table, key, (ObjectNode) item);
        }
        return new Write(table, table.shape().keyOfKey(delete.get("Key")), null);
    }

    private JsonNode batchGetItem(ObjectNode request) {
        JsonNode requestItems = requestItems(request);
        ObjectNode response = JsonNodeFactory.instance.objectNode();
        ObjectNode responses = response.putObject("Responses");
        List<Read> reads = new ArrayList<>();
        int keys = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = requestItems.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            Table table = tables.requireForItems(entry.getKey());
            JsonNode keysAndAttributes = entry.getValue();
            String projectionExpression = Requests.optionalString(keysAndAttributes, "ProjectionExpression");
            ExpressionContext context = Requests.expressionContext(keysAndAttributes, projectionExpression);
            Projection projection = projectionExpression == null ? null
                    : Expressions.projection(projectionExpression, context);
            List<ItemKey> tableKeys = new ArrayList<>();
            Set<ItemKey> seen = new HashSet<>();
            for (JsonNode key : keysAndAttributes.path("Keys")) {
                ItemKey itemKey = table.shape().keyOfKey(key);
                if (!seen.add(itemKey)) {
                    throw ApiException.validation("Provided list of item keys contains duplicates");
                }
                tableKeys.add(itemKey);
            }
            if (tableKeys.isEmpty()) {
                throw ApiException.validation("1 validation error detected: Value at 'requestItems." + table.name()
                        + ".member.keys' failed to satisfy constraint: Member must have length greater than or "
                        + "equal to 1");
            }
            keys += tableKeys.size();
            reads.add(new Read(table, tableKeys, projection));
        }
        if (keys > MAX_KEYS) {
            throw ApiException.validation("Too many items requested for the BatchGetItem call: " + keys
                    + " keys, at most " + MAX_KEYS + "; split the batch");
        }
        for (Read read : reads) {
            ArrayNode items = responses.putArray(read.table().name());
            for (ItemKey key : read.keys()) {
                ObjectNode item = read.table().get(key);
                if (item != null) {
                    items.add(read.projection() == null ? item : read.projection().apply(item));
                }
            }
        }
        response.putObject("UnprocessedKeys");
        return response;
    }

    private static JsonNode requestItems(ObjectNode request) {
        JsonNode requestItems = request.get("RequestItems");
        if (requestItems == null || !requestItems.isObject() || requestItems.isEmpty()) {
            throw ApiException.validation("1 validation error detected: Value null at 'requestItems' failed to "
                    + "satisfy constraint: Member must have length greater than or equal to 1");
        }
        return requestItems;
    }

    private record Write(Table table, ItemKey key, ObjectNode item) {
    }

    private record Read(Table table, List<ItemKey> keys, Projection projection) {
    }
}
