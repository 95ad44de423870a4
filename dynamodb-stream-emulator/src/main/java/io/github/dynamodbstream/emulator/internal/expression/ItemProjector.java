package io.github.dynamodbstream.emulator.internal.expression;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Copies the projected paths of an item into a new item that keeps their nesting: {@code a.b} gives
 * {@code {"a": {"M": {"b": ...}}}}, and list elements {@code l[3], l[1]} give a list of those two elements in
 * index order. Paths that lead nowhere are left out.
 */
final class ItemProjector implements Projection {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final PathTree root = new PathTree();

    /** @param paths the projected paths, none overlapping or conflicting with another */
    ItemProjector(List<DocumentPath> paths) {
        paths.forEach(path -> root.add(path.elements()));
    }

    @Override
    public ObjectNode apply(ObjectNode item) {
        ObjectNode projected = NODES.objectNode();
        root.children.forEach((element, subtree) -> {
            String name = ((PathElement.Name) element).name();
            JsonNode value = project(item.get(name), subtree);
            if (value != null) {
                projected.set(name, value);
            }
        });
        return projected;
    }

    private static JsonNode project(JsonNode value, PathTree tree) {
        if (value == null) {
            return null;
        }
        if (tree.children.isEmpty()) {
            return value.deepCopy();
        }
        JsonNode map = value.get("M");
        if (map instanceof ObjectNode) {
            ObjectNode entries = NODES.objectNode();
            tree.children.forEach((element, subtree) -> {
                if (element instanceof PathElement.Name name) {
                    JsonNode entry = project(map.get(name.name()), subtree);
                    if (entry != null) {
                        entries.set(name.name(), entry);
                    }
                }
            });
            return wrap("M", entries);
        }
        JsonNode list = value.get("L");
        if (list instanceof ArrayNode) {
            ArrayNode elements = NODES.arrayNode();
            tree.children.entrySet().stream()
                    .filter(child -> child.getKey() instanceof PathElement.Index)
                    .sorted(Comparator.comparingInt(child -> ((PathElement.Index) child.getKey()).index()))
                    .map(child -> project(list.get(((PathElement.Index) child.getKey()).index()), child.getValue()))
                    .filter(element -> element != null)
                    .forEach(elements::add);
            return wrap("L", elements);
        }
        return null;
    }

    private static JsonNode wrap(String type, JsonNode content) {
        if (content.isEmpty()) {
            return null;
        }
        ObjectNode value = NODES.objectNode();
        value.set(type, content);
        return value;
    }

    /** The projected paths merged into a tree; a leaf projects the whole value it reaches. */
    private static final class PathTree {

        private final Map<PathElement, PathTree> children = new LinkedHashMap<>();

        void add(List<PathElement> elements) {
            if (!elements.isEmpty()) {
                children.computeIfAbsent(elements.get(0), element -> new PathTree())
                        .add(elements.subList(1, elements.size()));
            }
        }
    }
}
