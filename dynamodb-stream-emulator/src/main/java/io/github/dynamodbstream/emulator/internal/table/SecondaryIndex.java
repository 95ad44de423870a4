package io.github.dynamodbstream.emulator.internal.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.Set;

/**
 * A global or local secondary index as declared at CreateTable. It keeps no copy of the items: a Query on it
 * selects the table's items that carry the index's key attributes and projects them.
 *
 * @param name the index name
 * @param global whether it is a global secondary index
 * @param shape the index's key attributes
 * @param keySchema the index's key schema as on the wire
 * @param projection the index's {@code Projection} as on the wire
 * @param provisionedThroughput the throughput declared for a global index, {@code null} when none
 */
record SecondaryIndex(
        String name,
        boolean global,
        KeyShape shape,
        ArrayNode keySchema,
        ObjectNode projection,
        ObjectNode provisionedThroughput) {

    boolean projectsAll() {
        return "ALL".equals(projection.path("ProjectionType").asText("ALL"));
    }

    /** The item as this index holds it: table keys, index keys and the projected attributes only. */
    ObjectNode project(ObjectNode item, KeyShape tableShape) {
        if (projectsAll()) {
            return item;
        }
        Set<String> kept = new HashSet<>();
        kept.add(tableShape.partitionName());
        kept.add(shape.partitionName());
        if (tableShape.hasSort()) {
            kept.add(tableShape.sortName());
        }
        if (shape.hasSort()) {
            kept.add(shape.sortName());
        }
        for (JsonNode attribute : projection.path("NonKeyAttributes")) {
            kept.add(attribute.asText());
        }
        ObjectNode projected = JsonNodeFactory.instance.objectNode();
        item.fields().forEachRemaining(field -> {
            if (kept.contains(field.getKey())) {
                projected.set(field.getKey(), field.getValue());
            }
        });
        return projected;
    }
}
