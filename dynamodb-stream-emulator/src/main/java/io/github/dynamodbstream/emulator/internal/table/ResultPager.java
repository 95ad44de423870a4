package io.github.dynamodbstream.emulator.internal.table;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dynamodbstream.emulator.internal.ItemSize;
import io.github.dynamodbstream.emulator.internal.expression.Condition;
import io.github.dynamodbstream.emulator.internal.expression.Projection;
import java.util.Iterator;
import java.util.stream.Stream;

/**
 * Builds one page of a Query or Scan: it reads items until Limit items were evaluated or 1 MB was read, applies
 * the FilterExpression after that count (as DynamoDB does) and the projection, and gives a LastEvaluatedKey when
 * more items remain.
 */
record ResultPager(Integer limit, Condition filter, Projection projection, boolean countOnly) {

    private static final long MAX_PAGE_BYTES = 1024 * 1024;

    ObjectNode page(Stream<ObjectNode> candidates, ItemSource source) {
        ObjectNode response = JsonNodeFactory.instance.objectNode();
        ArrayNode items = JsonNodeFactory.instance.arrayNode();
        int scanned = 0;
        int count = 0;
        long bytes = 0;
        ObjectNode last = null;
        Iterator<ObjectNode> iterator = candidates.iterator();
        while (iterator.hasNext()) {
            if ((limit != null && scanned == limit) || bytes >= MAX_PAGE_BYTES) {
                response.set("LastEvaluatedKey", source.lastEvaluatedKey(last));
                break;
            }
            ObjectNode item = iterator.next();
            scanned++;
            bytes += ItemSize.of(item);
            last = item;
            if (filter == null || filter.test(item)) {
                count++;
                if (!countOnly) {
                    items.add(projection == null ? item : projection.apply(item));
                }
            }
        }
        if (!countOnly) {
            response.set("Items", items);
        }
        response.put("Count", count);
        response.put("ScannedCount", scanned);
        return response;
    }
}
