package io.github.dynamodbstream.emulator.internal.expression;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** Parses an update expression: SET, REMOVE, ADD and DELETE sections, in any order, each at most once. */
record UpdateParser(TokenStream tokens, OperandParser operands) {

    private static final Set<String> SECTIONS = Set.of("SET", "REMOVE", "ADD", "DELETE");

    static List<UpdateAction> parse(String expression, ExpressionContext context) {
        TokenStream tokens = new TokenStream("UpdateExpression", expression);
        List<UpdateAction> actions = new UpdateParser(tokens, new OperandParser(tokens, context)).sections();
        PathOverlaps.check(tokens, actions.stream().map(UpdateAction::path).collect(Collectors.toList()));
        return actions;
    }

    private List<UpdateAction> sections() {
        List<UpdateAction> actions = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        do {
            Token keyword = tokens.peek();
            String section = keyword.is(Token.Type.NAME) ? keyword.text().toUpperCase(Locale.ROOT) : "";
            if (!SECTIONS.contains(section)) {
                throw tokens.syntaxError();
            }
            if (!seen.add(section)) {
                throw tokens.error("The \"" + section + "\" section can only be used once in an update expression;");
            }
            tokens.next();
            do {
                actions.add(action(section));
            } while (tokens.accept(Token.Type.COMMA));
        } while (!tokens.at(Token.Type.EOF));
        return actions;
    }

    private UpdateAction action(String section) {
        DocumentPath path = operands.path();
        switch (section) {
            case "SET":
                tokens.expect(Token.Type.EQ);
                return new UpdateAction.SetAction(path, setValue());
            case "REMOVE":
                return new UpdateAction.RemoveAction(path);
            case "ADD":
                Operand.Value addend = operands.value();
                operands.requireValueType("ADD", addend, "N", "SS", "NS", "BS");
                return new UpdateAction.AddAction(path, addend);
            default:
                Operand.Value subset = operands.value();
                operands.requireValueType("DELETE", subset, "SS", "NS", "BS");
                return new UpdateAction.DeleteAction(path, subset);
        }
    }

    private Operand setValue() {
        Operand left = operand();
        boolean plus = tokens.at(Token.Type.PLUS);
        if (!plus && !tokens.at(Token.Type.MINUS)) {
            return left;
        }
        String operator = tokens.next().text();
        Operand right = operand();
        operands.requireValueType(operator, left, "N");
        operands.requireValueType(operator, right, "N");
        return new Operand.Arithmetic(left, !plus, right);
    }

    private Operand operand() {
        String function = operands.functionName();
        if (function == null) {
            return tokens.at(Token.Type.VALUE_REF) ? operands.value() : new Operand.Path(operands.path());
        }
        tokens.next();
        switch (function) {
            case "if_not_exists":
                List<Operand> arguments = operands.arguments(function, 2, this::operand);
                return new Operand.IfNotExists(operands.requirePath(function, arguments.get(0)), arguments.get(1));
            case "list_append":
                List<Operand> lists = operands.arguments(function, 2, this::operand);
                lists.forEach(list -> operands.requireValueType(function, list, "L"));
                return new Operand.ListAppend(lists.get(0), lists.get(1));
            default:
                boolean known = function.equals("size") || ConditionFunction.named(function).isPresent();
                throw tokens.error(known
                        ? "The function is not allowed to be used this way in an expression; function: " + function
                        : "Invalid function name; function: " + function);
        }
    }
}
