package io.github.dynamodbstream.emulator.internal.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dynamodbstream.emulator.internal.ApiException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A secondary index, computed from the table's items on each read: the items that carry the index's key
 * attributes, ordered by index key and then by table key, as the index holds them (projected).
 */
record IndexItemSource(Table table, SecondaryIndex index) implements ItemSource {

    private static final Comparator<Entry> ORDER =
            Comparator.comparing(Entry::indexKey).thenComparing(Entry::tableKey);

    @Override
    public KeyShape shape() {
        return index.shape();
    }

    @Override
    public Stream<ObjectNode> partition(KeyValue partition, boolean forward, JsonNode exclusiveStartKey) {
        List<Entry> entries = entries().stream()
                .filter(entry -> entry.indexKey().partition().equals(partition))
                .sorted(forward ? ORDER : ORDER.reversed())
                .toList();
        if (exclusiveStartKey != null) {
            Entry start = startEntry(exclusiveStartKey);
            ItemSource.checkStartPartition(start.indexKey().partition(), partition);
            Comparator<Entry> order = forward ? ORDER : ORDER.reversed();
            entries = entries.stream().filter(entry -> order.compare(entry, start) > 0).toList();
        }
        return entries.stream().map(entry -> index.project(entry.item(), table.shape()));
    }

    @Override
    public Stream<ObjectNode> scan(ScanSegment segment, JsonNode exclusiveStartKey) {
        Entry start = exclusiveStartKey == null ? null : startEntry(exclusiveStartKey);
        return entries().stream()
                .filter(entry -> segment.contains(entry.indexKey().partition()))
                .filter(entry -> start == null || ORDER.compare(entry, start) > 0)
                .sorted(ORDER)
                .map(entry -> index.project(entry.item(), table.shape()));
    }

    @Override
    public ObjectNode lastEvaluatedKey(ObjectNode item) {
        ObjectNode key = table.shape().keyAttributes(item);
        key.setAll(index.shape().keyAttributes(item));
        return key;
    }

    private List<Entry> entries() {
        List<Entry> entries = new ArrayList<>();
        table.items().forEach((tableKey, item) -> {
            ItemKey indexKey = index.shape().indexKeyOf(item, index.name());
            if (indexKey != null) {
                entries.add(new Entry(indexKey, tableKey, item));
            }
        });
        return entries;
    }

    private Entry startEntry(JsonNode exclusiveStartKey) {
        try {
            if (!exclusiveStartKey.isObject()) {
                throw ApiException.validation("The provided key element does not match the schema");
            }
            ObjectNode key = (ObjectNode) exclusiveStartKey;
            ItemKey tableKey = table.shape().keyOfItem(key);
            ItemKey indexKey = index.shape().indexKeyOf(key, index.name());
            if (indexKey == null) {
                throw ApiException.validation("The provided key element does not match the schema");
            }
            return new Entry(indexKey, tableKey, key);
        } catch (ApiException e) {
            throw ApiException.validation("The provided starting key is invalid: " + e.getMessage());
        }
    }

    private record Entry(ItemKey indexKey, ItemKey tableKey, ObjectNode item) {
    }
}
