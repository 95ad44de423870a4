package io.github.dynamodbstream.emulator.internal.expression;

import com.fasterxml.jackson.databind.JsonNode;

/** An operand of a condition or of a SET action. */
sealed interface Operand {

    /** The value at a document path of the item. */
    record Path(DocumentPath path) implements Operand {
    }

    /**
     * A value from ExpressionAttributeValues.
     *
     * @param name its placeholder, such as {@code :v}
     * @param value the value in DynamoDB JSON
     */
    record Value(String name, JsonNode value) implements Operand {
    }

    /** {@code size(path)}, only in conditions. */
    record Size(DocumentPath path) implements Operand {
    }

    /** {@code if_not_exists(path, fallback)}, only in SET actions. */
    record IfNotExists(DocumentPath path, Operand fallback) implements Operand {
    }

    /** {@code list_append(first, second)}, only in SET actions. */
    record ListAppend(Operand first, Operand second) implements Operand {
    }

    /** {@code left + right} or {@code left - right}, only in SET actions. */
    record Arithmetic(Operand left, boolean subtract, Operand right) implements Operand {
    }
}
