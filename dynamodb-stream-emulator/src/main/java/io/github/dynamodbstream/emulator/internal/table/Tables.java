package io.github.dynamodbstream.emulator.internal.table;

import io.github.dynamodbstream.emulator.internal.ApiError;
import io.github.dynamodbstream.emulator.internal.ApiException;
import io.github.dynamodbstream.emulator.internal.EmulatorClock;
import java.util.NavigableMap;
import java.util.TreeMap;

/** The tables of the emulator, by name in name order. */
final class Tables {

    private final TreeMap<String, Table> byName = new TreeMap<>();
    private final EmulatorClock clock;

    Tables(EmulatorClock clock) {
        this.clock = clock;
    }

    /** The table, or ResourceNotFoundException as DynamoDB answers for a table that does not exist. */
    Table require(String name) {
        Table table = byName.get(name);
        if (table == null) {
            throw ApiError.RESOURCE_NOT_FOUND.exception("Requested resource not found: Table: " + name + " not found");
        }
        return table;
    }

    /**
     * The table for reading and writing items: while it is still CREATING, DynamoDB answers
     * ResourceNotFoundException, as for a table that does not exist.
     */
    Table requireForItems(String name) {
        Table table = require(name);
        if (table.statusAt(nowMillis()).equals("CREATING")) {
            throw ApiError.RESOURCE_NOT_FOUND.exception("Requested resource not found: Table: " + name
                    + " is being created; wait until DescribeTable answers TableStatus ACTIVE");
        }
        return table;
    }

    /** The table to change or delete: DynamoDB answers ResourceInUseException while it is not ACTIVE. */
    Table requireActive(String name) {
        Table table = require(name);
        String status = table.statusAt(nowMillis());
        if (!status.equals("ACTIVE")) {
            throw ApiError.RESOURCE_IN_USE.exception("Attempt to change a resource which is still in use: Table is "
                    + (status.equals("CREATING") ? "being created" : "being updated") + ": " + name);
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

    long nowMillis() {
        return clock.now().toEpochMilli();
    }
}
