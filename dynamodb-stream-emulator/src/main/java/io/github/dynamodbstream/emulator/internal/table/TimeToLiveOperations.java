package io.github.dynamodbstream.emulator.internal.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dynamodbstream.emulator.internal.ApiException;
import io.github.dynamodbstream.emulator.internal.Operation;
import java.util.Map;

/** UpdateTimeToLive and DescribeTimeToLive. */
final class TimeToLiveOperations {

    private final Tables tables;

    TimeToLiveOperations(Tables tables) {
        this.tables = tables;
    }

    Map<String, Operation> operations() {
        return Map.of(
                "UpdateTimeToLive", this::updateTimeToLive,
                "DescribeTimeToLive", this::describeTimeToLive);
    }

    private JsonNode updateTimeToLive(ObjectNode request) {
        Table table = tables.require(Requests.requiredString(request, "TableName"));
        JsonNode specification = request.get("TimeToLiveSpecification");
        if (specification == null || !specification.isObject()) {
            throw ApiException.validation("1 validation error detected: Value null at 'timeToLiveSpecification' "
                    + "failed to satisfy constraint: Member must not be null");
        }
        JsonNode enabled = specification.get("Enabled");
        if (enabled == null || !enabled.isBoolean()) {
            throw ApiException.validation("1 validation error detected: Value null at "
                    + "'timeToLiveSpecification.enabled' failed to satisfy constraint: Member must not be null");
        }
        String attributeName = Requests.requiredString(specification, "AttributeName");
        if (attributeName.isEmpty()) {
            throw ApiException.validation("TimeToLiveSpecification.AttributeName must not be empty");
        }
        String current = table.timeToLiveAttribute();
        if (enabled.asBoolean()) {
            if (current != null) {
                throw ApiException.validation("TimeToLive is already enabled");
            }
            table.enableTimeToLive(attributeName);
        } else {
            if (current == null) {
                throw ApiException.validation("TimeToLive is already disabled");
            }
            if (!current.equals(attributeName)) {
                throw ApiException.validation("TimeToLive is enabled on attribute " + current
                        + "; name that attribute to disable it");
            }
            table.disableTimeToLive();
        }
        ObjectNode response = JsonNodeFactory.instance.objectNode();
        ObjectNode answered = response.putObject("TimeToLiveSpecification");
        answered.put("Enabled", enabled.asBoolean());
        answered.put("AttributeName", attributeName);
        return response;
    }

    private JsonNode describeTimeToLive(ObjectNode request) {
        Table table = tables.require(Requests.requiredString(request, "TableName"));
        ObjectNode response = JsonNodeFactory.instance.objectNode();
        ObjectNode description = response.putObject("TimeToLiveDescription");
        String attribute = table.timeToLiveAttribute();
        if (attribute == null) {
            description.put("TimeToLiveStatus", "DISABLED");
        } else {
            description.put("TimeToLiveStatus", "ENABLED");
            description.put("AttributeName", attribute);
        }
        return response;
    }
}
