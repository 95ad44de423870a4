package io.github.dynamodbstream.emulator.internal.expression;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * The substitutions a request gives its expressions.
 *
 * @param names ExpressionAttributeNames ({@code #n} to attribute name), empty when absent
 * @param values ExpressionAttributeValues ({@code :v} to a value in DynamoDB JSON), empty when absent
 */
public record ExpressionContext(Map<String, String> names, ObjectNode values) {

    /** {@code null} stands for an absent parameter and becomes empty. */
    public ExpressionContext {
        names = names == null ? Map.of() : Map.copyOf(names);
        values = values == null ? JsonNodeFactory.instance.objectNode() : values;
    }

    /** A context without substitutions. */
    public static ExpressionContext empty() {
        return new ExpressionContext(null, null);
    }
}
