package io.github.dynamodbstream.emulator.internal.expression;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dynamodbstream.emulator.internal.ApiException;

/** Reads and writes the value at a document path of an item (a map of attribute names to values). */
final class PathNavigator {

    static final String INVALID_PATH_FOR_UPDATE = "The document path provided in the update expression is invalid for update";

    private PathNavigator() {
    }

    /** The value at the path, or {@code null} when the path does not lead to a value. */
    static JsonNode resolve(ObjectNode item, DocumentPath path) {
        JsonNode current = item.get(path.topLevelName());
        for (PathElement element : path.elements().subList(1, path.elements().size())) {
            if (current == null) {
                return null;
            }
            current = child(current, element);
        }
        return current;
    }

    /**
     * Sets the value at the path, changing the item in place. The container the path ends in must exist; an index
     * past the end of a list appends to it.
     */
    static void set(ObjectNode item, DocumentPath path, JsonNode value) {
        if (path.isTopLevel()) {
            item.set(path.topLevelName(), value);
            return;
        }
        JsonNode container = containerContent(resolve(item, path.parent()), path.last());
        if (container == null) {
            throw ApiException.validation(INVALID_PATH_FOR_UPDATE);
        }
        if (path.last() instanceof PathElement.Name name) {
            ((ObjectNode) container).set(name.name(), value);
            return;
        }
        ArrayNode list = (ArrayNode) container;
        int index = ((PathElement.Index) path.last()).index();
        if (index < list.size()) {
            list.set(index, value);
        } else {
            list.add(value);
        }
    }

    /**
     * Removes the value at the path, changing the item in place. A path that leads nowhere is ignored; a path that
     * goes through a value of the wrong type (a name into a list, an index into a map) is an error.
     */
    static void remove(ObjectNode item, DocumentPath path) {
        if (path.isTopLevel()) {
            item.remove(path.topLevelName());
            return;
        }
        JsonNode parent = resolve(item, path.parent());
        if (parent == null) {
            return;
        }
        JsonNode container = containerContent(parent, path.last());
        if (container == null) {
            throw ApiException.validation(INVALID_PATH_FOR_UPDATE);
        }
        if (path.last() instanceof PathElement.Name name) {
            ((ObjectNode) container).remove(name.name());
            return;
        }
        int index = ((PathElement.Index) path.last()).index();
        if (index < container.size()) {
            ((ArrayNode) container).remove(index);
        }
    }

    private static JsonNode child(JsonNode value, PathElement element) {
        JsonNode container = containerContent(value, element);
        if (container == null) {
            return null;
        }
        return element instanceof PathElement.Name name
                ? container.get(name.name())
                : container.get(((PathElement.Index) element).index());
    }

    /** The map content ({@code M}) a name steps into, or the list content ({@code L}) an index steps into. */
    private static JsonNode containerContent(JsonNode value, PathElement element) {
        if (value == null) {
            return null;
        }
        JsonNode content = value.get(element instanceof PathElement.Name ? "M" : "L");
        boolean fits = element instanceof PathElement.Name ? content instanceof ObjectNode : content instanceof ArrayNode;
        return fits ? content : null;
    }
}
