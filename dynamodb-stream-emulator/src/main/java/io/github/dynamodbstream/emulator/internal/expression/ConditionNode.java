package io.github.dynamodbstream.emulator.internal.expression;

import java.util.List;

/** The syntax tree of a condition, filter or key condition expression. */
sealed interface ConditionNode {

    record And(ConditionNode left, ConditionNode right) implements ConditionNode {
    }

    record Or(ConditionNode left, ConditionNode right) implements ConditionNode {
    }

    record Not(ConditionNode operand) implements ConditionNode {
    }

    record Comparison(Operand left, ComparisonOperator operator, Operand right) implements ConditionNode {
    }

    record Between(Operand operand, Operand lower, Operand upper) implements ConditionNode {
    }

    record In(Operand operand, List<Operand> candidates) implements ConditionNode {
    }

    record FunctionCall(ConditionFunction function, List<Operand> arguments) implements ConditionNode {
    }
}
