package io.github.dynamodbstream.emulator.internal.expression;

import java.util.Arrays;
import java.util.Optional;

/** The functions that are conditions by themselves (size, an operand, is not one of them). */
enum ConditionFunction {
    ATTRIBUTE_EXISTS("attribute_exists", 1),
    ATTRIBUTE_NOT_EXISTS("attribute_not_exists", 1),
    ATTRIBUTE_TYPE("attribute_type", 2),
    BEGINS_WITH("begins_with", 2),
    CONTAINS("contains", 2);

    private final String expressionName;
    private final int arity;

    ConditionFunction(String expressionName, int arity) {
        this.expressionName = expressionName;
        this.arity = arity;
    }

    String expressionName() {
        return expressionName;
    }

    int arity() {
        return arity;
    }

    /** The function with this name; function names are case-sensitive. */
    static Optional<ConditionFunction> named(String name) {
        return Arrays.stream(values()).filter(function -> function.expressionName.equals(name)).findFirst();
    }
}
