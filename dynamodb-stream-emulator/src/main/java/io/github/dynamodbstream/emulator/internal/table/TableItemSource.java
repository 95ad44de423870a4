package io.github.dynamodbstream.emulator.internal.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dynamodbstream.emulator.internal.ApiException;
import java.util.Map;
import java.util.NavigableMap;
import java.util.stream.Stream;

/** A table's own items, read from its sorted map without copying. */
record TableItemSource(Table table) implements ItemSource {

    @Override
    public KeyShape shape() {
        return table.shape();
    }

    @Override
    public Stream<ObjectNode> partition(KeyValue partition, boolean forward, JsonNode exclusiveStartKey) {
        NavigableMap<ItemKey, ObjectNode> items = table.items()
                .subMap(ItemKey.partitionStart(partition), true, ItemKey.partitionEnd(partition), true);
        if (exclusiveStartKey != null) {
            ItemKey start = startKey(exclusiveStartKey);
            ItemSource.checkStartPartition(start.partition(), partition);
            items = forward ? items.tailMap(start, false) : items.headMap(start, false);
        }
        if (!forward) {
            items = items.descendingMap();
        }
        return items.values().stream();
    }

    @Override
    public Stream<ObjectNode> scan(ScanSegment segment, JsonNode exclusiveStartKey) {
        NavigableMap<ItemKey, ObjectNode> items = exclusiveStartKey == null ? table.items()
                : table.items().tailMap(startKey(exclusiveStartKey), false);
        return items.entrySet().stream()
                .filter(entry -> segment.contains(entry.getKey().partition()))
                .map(Map.Entry::getValue);
    }

    @Override
    public ObjectNode lastEvaluatedKey(ObjectNode item) {
        return table.shape().keyAttributes(item);
    }

    private ItemKey startKey(JsonNode exclusiveStartKey) {
        try {
            return table.shape().keyOfKey(exclusiveStartKey);
        } catch (ApiException e) {
            throw ApiException.validation("The provided starting key is invalid: " + e.getMessage());
        }
    }
}
