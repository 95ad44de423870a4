package io.github.dynamodbstream.spring;

import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The streams the application reads, validated and resolved at start, in configuration order (the single-stream
 * shorthand first). Immutable; a bean of the auto-configuration.
 */
public final class StreamDefinitions implements Iterable<StreamDefinition> {

    private final Map<String, StreamDefinition> byName;

    /**
     * @param definitions the streams; their names must be unique
     * @throws IllegalArgumentException when two streams have the same name
     */
    public StreamDefinitions(List<StreamDefinition> definitions) {
        Map<String, StreamDefinition> map = new LinkedHashMap<>();
        for (StreamDefinition definition : definitions) {
            if (map.putIfAbsent(definition.name(), definition) != null) {
                throw new IllegalArgumentException("Two streams are named '" + definition.name() + "'");
            }
        }
        this.byName = Collections.unmodifiableMap(map);
    }

    /** Every stream, in configuration order. */
    public List<StreamDefinition> all() {
        return List.copyOf(byName.values());
    }

    /** The stream of that name, if any. */
    public Optional<StreamDefinition> get(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The number of streams. */
    public int size() {
        return byName.size();
    }

    @Override
    public Iterator<StreamDefinition> iterator() {
        return byName.values().iterator();
    }

    @Override
    public String toString() {
        return "StreamDefinitions" + byName.keySet();
    }
}
