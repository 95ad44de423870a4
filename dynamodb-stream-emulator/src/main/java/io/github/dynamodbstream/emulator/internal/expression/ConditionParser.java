package io.github.dynamodbstream.emulator.internal.expression;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.dynamodbstream.emulator.internal.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Parses a condition, filter or key condition expression into a {@link ConditionNode} tree. Precedence, from
 * tightest: comparisons, BETWEEN and IN, then NOT, AND, OR; parentheses group.
 */
record ConditionParser(TokenStream tokens, OperandParser operands) {

    private static final int MAX_IN_OPERANDS = 100;
    private static final Set<String> UPDATE_FUNCTIONS = Set.of("if_not_exists", "list_append");

    /**
     * @param kind the request parameter the expression came in, for error messages
     */
    static ConditionNode parse(String kind, String expression, ExpressionContext context) {
        TokenStream tokens = new TokenStream(kind, expression);
        ConditionNode condition = new ConditionParser(tokens, new OperandParser(tokens, context)).or();
        tokens.expectEnd();
        return condition;
    }

    private ConditionNode or() {
        ConditionNode condition = and();
        while (tokens.atKeyword("OR")) {
            tokens.next();
            condition = new ConditionNode.Or(condition, and());
        }
        return condition;
    }

    private ConditionNode and() {
        ConditionNode condition = not();
        while (tokens.atKeyword("AND")) {
            tokens.next();
            condition = new ConditionNode.And(condition, not());
        }
        return condition;
    }

    private ConditionNode not() {
        if (tokens.atKeyword("NOT")) {
            tokens.next();
            return new ConditionNode.Not(not());
        }
        return primary();
    }

    private ConditionNode primary() {
        if (tokens.accept(Token.Type.LEFT_PAREN)) {
            ConditionNode condition = or();
            tokens.expect(Token.Type.RIGHT_PAREN);
            return condition;
        }
        String name = operands.functionName();
        Optional<ConditionFunction> function = name == null ? Optional.empty() : ConditionFunction.named(name);
        if (function.isPresent()) {
            return functionCall(function.get());
        }
        return comparison(operand());
    }

    private ConditionNode functionCall(ConditionFunction function) {
        tokens.next();
        String name = function.expressionName();
        List<Operand> arguments = operands.arguments(name, function.arity(), this::operand);
        operands.requirePath(name, arguments.get(0));
        if (function == ConditionFunction.ATTRIBUTE_TYPE) {
            checkTypeName(arguments.get(1));
        } else if (function == ConditionFunction.BEGINS_WITH) {
            operands.requireValueType(name, arguments.get(1), "S", "B");
        }
        return new ConditionNode.FunctionCall(function, arguments);
    }

    private void checkTypeName(Operand operand) {
        operands.requireValueType("attribute_type", operand, "S");
        if (operand instanceof Operand.Value value && !AttributeValues.TYPES.contains(value.value().get("S").asText())) {
            throw tokens.error("Invalid attribute type name found; type: " + value.value().get("S").asText()
                    + ", valid types: { B,NULL,SS,BOOL,L,BS,N,NS,S,M }");
        }
    }

    private ConditionNode comparison(Operand left) {
        ComparisonOperator operator = ComparisonOperator.of(tokens.peek());
        if (operator != null) {
            tokens.next();
            Operand right = operand();
            if (operator.isOrdering()) {
                requireOrderable(operator.symbol(), left, right);
            }
            return new ConditionNode.Comparison(left, operator, right);
        }
        if (tokens.atKeyword("BETWEEN")) {
            tokens.next();
            Operand lower = operand();
            tokens.expectKeyword("AND");
            Operand upper = operand();
            requireOrderable("BETWEEN", left, lower, upper);
            checkBounds(lower, upper);
            return new ConditionNode.Between(left, lower, upper);
        }
        if (tokens.atKeyword("IN")) {
            tokens.next();
            return new ConditionNode.In(left, candidates());
        }
        throw tokens.syntaxError();
    }

    private List<Operand> candidates() {
        tokens.expect(Token.Type.LEFT_PAREN);
        List<Operand> candidates = new ArrayList<>();
        do {
            candidates.add(operand());
        } while (tokens.accept(Token.Type.COMMA));
        tokens.expect(Token.Type.RIGHT_PAREN);
        if (candidates.size() > MAX_IN_OPERANDS) {
            throw tokens.error("Too many operands for operator or function; operator or function: IN, number of operands: "
                    + candidates.size());
        }
        return candidates;
    }

    private Operand operand() {
        String function = operands.functionName();
        if (function == null) {
            return tokens.at(Token.Type.VALUE_REF) ? operands.value() : new Operand.Path(operands.path());
        }
        tokens.next();
        if (!function.equals("size")) {
            throw misplacedFunction(function);
        }
        List<Operand> arguments = operands.arguments(function, 1, this::operand);
        return new Operand.Size(operands.requirePath(function, arguments.get(0)));
    }

    private ApiException misplacedFunction(String function) {
        if (ConditionFunction.named(function).isPresent() || UPDATE_FUNCTIONS.contains(function)) {
            return tokens.error("The function is not allowed to be used this way in an expression; function: " + function);
        }
        return tokens.error("Invalid function name; function: " + function);
    }

    private void requireOrderable(String operator, Operand... ordered) {
        for (Operand operand : ordered) {
            operands.requireValueType(operator, operand, "N", "S", "B");
        }
    }

    private void checkBounds(Operand lower, Operand upper) {
        if (lower instanceof Operand.Value low && upper instanceof Operand.Value high
                && ComparisonOperator.GREATER.test(low.value(), high.value())) {
            throw tokens.error("The BETWEEN operator requires upper bound to be greater than or equal to lower bound;"
                    + " lower bound operand: AttributeValue: " + brief(low.value())
                    + ", upper bound operand: AttributeValue: " + brief(high.value()));
        }
    }

    private static String brief(JsonNode value) {
        String type = AttributeValues.type(value);
        return "{" + type + ":" + value.get(type).asText() + "}";
    }
}
