package io.github.dynamodbstream.emulator.internal.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dynamodbstream.emulator.internal.ApiError;
import io.github.dynamodbstream.emulator.internal.ApiException;
import io.github.dynamodbstream.emulator.internal.EmulatorClock;
import io.github.dynamodbstream.emulator.internal.EmulatorSettings;
import io.github.dynamodbstream.emulator.internal.Operation;
import io.github.dynamodbstream.emulator.internal.StatusTransition;
import io.github.dynamodbstream.emulator.internal.stream.TableStreams;
import java.util.Map;

/** CreateTable, DescribeTable, UpdateTable, DeleteTable and ListTables. */
final class TableAdminOperations {

    private static final int MAX_LIST_LIMIT = 100;

    private final EmulatorSettings settings;
    private final EmulatorClock clock;
    private final TableStreams streams;
    private final Tables tables;

    TableAdminOperations(EmulatorSettings settings, EmulatorClock clock, TableStreams streams, Tables tables) {
        this.settings = settings;
        this.clock = clock;
        this.streams = streams;
        this.tables = tables;
    }

    Map<String, Operation> operations() {
        return Map.of(
                "CreateTable", this::createTable,
                "DescribeTable", this::describeTable,
                "UpdateTable", this::updateTable,
                "DeleteTable", this::deleteTable,
                "ListTables", this::listTables);
    }

    private JsonNode createTable(ObjectNode request) {
        TableDefinition definition = TableDefinitions.parse(request);
        if (tables.exists(definition.name())) {
            throw ApiError.RESOURCE_IN_USE.exception("Table already exists: " + definition.name());
        }
        String arn = "arn:aws:dynamodb:" + settings.region() + ":" + settings.accountId() + ":table/"
                + definition.name();
        Table table = new Table(definition, arn, clock.now(), streams, transition("CREATING"));
        if (definition.streamViewType() != null) {
            table.enableStream(definition.streamViewType());
        }
        tables.add(table);
        return wrap("TableDescription", describe(table));
    }

    private JsonNode describeTable(ObjectNode request) {
        Table table = tables.require(Requests.requiredString(request, "TableName"));
        return wrap("Table", describe(table));
    }

    private JsonNode updateTable(ObjectNode request) {
        Table table = tables.requireActive(Requests.requiredString(request, "TableName"));
        for (String unsupported : new String[] {"ReplicaUpdates", "SSESpecification"}) {
            if (request.hasNonNull(unsupported)) {
                throw ApiException.validation(unsupported + " is not supported by this emulator; it changes only "
                        + "StreamSpecification, BillingMode, ProvisionedThroughput and GlobalSecondaryIndexUpdates");
            }
        }
        JsonNode streamSpecification = request.get("StreamSpecification");
        boolean billingChange = request.hasNonNull("BillingMode") || request.hasNonNull("ProvisionedThroughput");
        boolean indexChange = request.hasNonNull("GlobalSecondaryIndexUpdates");
        if ((streamSpecification == null || streamSpecification.isNull()) && !billingChange && !indexChange) {
            throw ApiException.validation("At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, "
                    + "GlobalSecondaryIndexUpdates or SSESpecification or ReplicaUpdates is required");
        }
        String viewType = TableDefinitions.streamViewType(streamSpecification);
        if (streamSpecification != null && !streamSpecification.isNull()) {
            changeStream(table, viewType);
        }
        if (billingChange) {
            changeBilling(table, request);
        }
        if (indexChange) {
            GlobalIndexUpdates.apply(table, request.get("GlobalSecondaryIndexUpdates"),
                    request.get("AttributeDefinitions"));
        }
        table.changeStatus(transition("UPDATING"));
        return wrap("TableDescription", describe(table));
    }

    /** A table's passing status, settling to ACTIVE after the configured delay. */
    private StatusTransition transition(String passing) {
        return StatusTransition.start(passing, "ACTIVE", tables.nowMillis(), settings.statusDelay());
    }

    private ObjectNode describe(Table table) {
        return TableDescriptions.describe(table, table.statusAt(tables.nowMillis()));
    }

    private static void changeStream(Table table, String viewType) {
        if (viewType != null) {
            if (table.streamViewType() != null) {
                throw ApiException.validation("Table already has an enabled stream: TableName: " + table.name());
            }
            table.enableStream(viewType);
        } else {
            if (table.streamViewType() == null) {
                throw ApiException.validation("Table has no enabled stream to disable: TableName: " + table.name());
            }
            table.disableStream();
        }
    }

    private static void changeBilling(Table table, ObjectNode request) {
        String mode = Requests.optionalString(request, "BillingMode");
        String newMode = mode == null ? table.billingMode() : mode;
        if (!newMode.equals("PROVISIONED") && !newMode.equals("PAY_PER_REQUEST")) {
            throw ApiException.validation("1 validation error detected: Value '" + newMode + "' at 'billingMode' "
                    + "failed to satisfy constraint: Member must satisfy enum value set: [PROVISIONED, "
                    + "PAY_PER_REQUEST]");
        }
        JsonNode throughput = request.get("ProvisionedThroughput");
        if (newMode.equals("PAY_PER_REQUEST")) {
            if (throughput != null && !throughput.isNull()) {
                throw ApiException.validation("One or more parameter values were invalid: Neither ReadCapacityUnits "
                        + "nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST");
            }
            table.changeBilling(newMode, null);
            return;
        }
        ObjectNode declared = throughput == null || throughput.isNull() ? table.provisionedThroughput()
                : (ObjectNode) throughput;
        if (declared == null || !declared.path("ReadCapacityUnits").canConvertToLong()
                || !declared.path("WriteCapacityUnits").canConvertToLong()) {
            throw ApiException.validation("One or more parameter values were invalid: ReadCapacityUnits and "
                    + "WriteCapacityUnits must both be specified when BillingMode is PROVISIONED");
        }
        ObjectNode copy = JsonNodeFactory.instance.objectNode();
        copy.put("ReadCapacityUnits", declared.get("ReadCapacityUnits").asLong());
        copy.put("WriteCapacityUnits", declared.get("WriteCapacityUnits").asLong());
        table.changeBilling(newMode, copy);
    }

    private JsonNode deleteTable(ObjectNode request) {
        Table table = tables.requireActive(Requests.requiredString(request, "TableName"));
        tables.remove(table.name());
        if (table.latestStream() != null) {
            streams.tableDeleted(table.name());
        }
        return wrap("TableDescription", TableDescriptions.describe(table, "DELETING"));
    }

    private JsonNode listTables(ObjectNode request) {
        Integer limit = Requests.limit(request);
        if (limit != null && limit > MAX_LIST_LIMIT) {
            throw ApiException.validation("1 validation error detected: Value '" + limit + "' at 'limit' failed to "
                    + "satisfy constraint: Member must have value less than or equal to " + MAX_LIST_LIMIT);
        }
        int pageSize = limit == null ? MAX_LIST_LIMIT : limit;
        String start = Requests.optionalString(request, "ExclusiveStartTableName");
        Iterable<String> names = start == null ? tables.byName().keySet()
                : tables.byName().tailMap(start, false).keySet();
        ObjectNode response = JsonNodeFactory.instance.objectNode();
        var page = response.putArray("TableNames");
        String last = null;
        boolean more = false;
        for (String name : names) {
            if (page.size() == pageSize) {
                more = true;
                break;
            }
            page.add(name);
            last = name;
        }
        if (more) {
            response.put("LastEvaluatedTableName", last);
        }
        return response;
    }

    private static ObjectNode wrap(String field, ObjectNode description) {
        ObjectNode response = JsonNodeFactory.instance.objectNode();
        response.set(field, description);
        return response;
    }
}
