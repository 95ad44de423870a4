package io.github.dynamodbstream.emulator.internal.table;

import io.github.dynamodbstream.emulator.internal.EmulatorClock;
import io.github.dynamodbstream.emulator.internal.EmulatorSettings;
import io.github.dynamodbstream.emulator.internal.Operation;
import io.github.dynamodbstream.emulator.internal.stream.TableStreams;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The DynamoDB side of the emulator: tables and their items, served as DynamoDB's JSON 1.0 operations.
 * Every change of an item is told to the {@link TableStreams}. Not thread-safe: the engine calls it under its
 * single lock.
 */
public final class TableStore {

    private final Tables tables;
    private final Map<String, Operation> operations = new HashMap<>();

    public TableStore(EmulatorSettings settings, EmulatorClock clock, TableStreams streams) {
        tables = new Tables(clock);
        operations.putAll(new TableAdminOperations(settings, clock, streams, tables).operations());
        operations.putAll(new TimeToLiveOperations(tables).operations());
        operations.putAll(new ItemWriteOperations(tables).operations());
        operations.putAll(new ItemReadOperations(tables).operations());
        operations.putAll(new BatchOperations(tables).operations());
    }

    /** The operations served, by wire name ({@code "PutItem"}, ...). */
    public Map<String, Operation> operations() {
        return Map.copyOf(operations);
    }

    /** Whether a table of that name exists, whatever its status. */
    public boolean exists(String tableName) {
        return tables.exists(tableName);
    }

    /** Deletes the items whose Time to Live lies before {@code now}, each with a Time to Live REMOVE record. */
    public void maintain(Instant now) {
        for (Table table : tables.byName().values()) {
            table.expireItems(now);
        }
    }
}
