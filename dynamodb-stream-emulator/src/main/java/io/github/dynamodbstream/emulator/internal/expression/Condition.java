package io.github.dynamodbstream.emulator.internal.expression;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A parsed ConditionExpression or FilterExpression. */
@FunctionalInterface
public interface Condition {

    /** Whether the item (in DynamoDB JSON; {@code null} when there is no item) satisfies the condition. */
    boolean test(ObjectNode item);
}
