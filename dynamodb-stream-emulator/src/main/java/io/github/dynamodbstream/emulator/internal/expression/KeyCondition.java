package io.github.dynamodbstream.emulator.internal.expression;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A parsed KeyConditionExpression: equality on the partition key and an optional condition on the sort key.
 *
 * @param partitionKeyValue the partition key's value, in DynamoDB JSON
 * @param sortKeyCondition the sort key condition, or {@code null} when there is none
 */
public record KeyCondition(JsonNode partitionKeyValue, SortKeyCondition sortKeyCondition) {

    /** A condition on the sort key value: =, <, <=, >, >=, BETWEEN or begins_with. */
    @FunctionalInterface
    public interface SortKeyCondition {

        boolean test(JsonNode sortKeyValue);
    }
}
