package io.github.dynamodbstream.emulator.internal.table;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A validated CreateTable request.
 *
 * @param name the table name
 * @param shape the primary key attributes
 * @param keySchema the key schema as on the wire
 * @param attributeDefinitions the attribute definitions as on the wire
 * @param billingMode PROVISIONED or PAY_PER_REQUEST
 * @param provisionedThroughput the declared throughput, {@code null} for PAY_PER_REQUEST
 * @param indexes the secondary indexes
 * @param streamViewType the view type of the stream to open, {@code null} for none
 */
record TableDefinition(
        String name,
        KeyShape shape,
        ArrayNode keySchema,
        ArrayNode attributeDefinitions,
        String billingMode,
        ObjectNode provisionedThroughput,
        List<SecondaryIndex> indexes,
        String streamViewType) {
}
