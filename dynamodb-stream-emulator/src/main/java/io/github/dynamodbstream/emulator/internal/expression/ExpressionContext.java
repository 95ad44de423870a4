package io.github.dynamodbstream.emulator.internal.expression;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * The substitutions a request gives its expressions.
 *
 * @param names ExpressionAttributeNames ({@code #n} to attribute name), empty when absent
 * @param values ExpressionAttributeValues ({@code :v} to a value in DynamoDB JSON), empty when absent
 */
public record ExpressionContext(Map<String, String> names, ObjectNode values) {
}
