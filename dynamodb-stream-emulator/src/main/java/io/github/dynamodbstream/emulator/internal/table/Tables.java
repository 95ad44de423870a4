package io.github.dynamodbstream.emulator.internal.table;

import io.github.dynamodbstream.emulator.internal.ApiException;
import java.util.NavigableMap;
import java.util.TreeMap;

/** The tables of the emulator, by name in name order. */
final class Tables {

    private final TreeMap<String, Table> byName = new TreeMap<>();

    /** The table, or ResourceNotFoundException as DynamoDB answers for a table that does not exist. */
    Table require(String name) {
        Table table = byName.get(name);
        if (table == null) {
            throw ApiException.resourceNotFound("Requested resource not found: Table: " + name + " not found");
        }
        return table;
    }

    boolean exists(String name) {
        return byName.containsKey(name);
    }

    void add(Table table) {
        byName.put(table.name(), table);
    }

    void remove(String name) {
        byName.remove(name);
    }

    NavigableMap<String, Table> byName() {
        return byName;
    }
}
