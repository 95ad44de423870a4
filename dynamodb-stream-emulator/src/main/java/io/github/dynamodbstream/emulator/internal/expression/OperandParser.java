package io.github.dynamodbstream.emulator.internal.expression;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.dynamodbstream.emulator.internal.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Parses the pieces all expressions share: document paths with {@code #name} substitution, {@code :value}
 * placeholders and function argument lists. It also checks operands that are known while parsing.
 */
record OperandParser(TokenStream tokens, ExpressionContext context) {

    DocumentPath path() {
        List<PathElement> elements = new ArrayList<>();
        elements.add(new PathElement.Name(name()));
        while (true) {
            if (tokens.accept(Token.Type.DOT)) {
                elements.add(new PathElement.Name(name()));
            } else if (tokens.accept(Token.Type.LEFT_BRACKET)) {
                elements.add(new PathElement.Index(index()));
                tokens.expect(Token.Type.RIGHT_BRACKET);
            } else {
                return new DocumentPath(elements);
            }
        }
    }

    Operand.Value value() {
        String placeholder = tokens.expect(Token.Type.VALUE_REF).text();
        JsonNode value = context.values().get(placeholder);
        if (value == null) {
            throw tokens.error("An expression attribute value used in expression is not defined; attribute value: "
                    + placeholder);
        }
        if (!AttributeValues.isValid(value)) {
            throw ApiException.validation("ExpressionAttributeValues contains invalid value: Supplied AttributeValue"
                    + " is empty, must contain exactly one of the supported datatypes for key " + placeholder);
        }
        return new Operand.Value(placeholder, value);
    }

    /** The name of the function called at the current token, or {@code null} when there is no call here. */
    String functionName() {
        boolean call = tokens.at(Token.Type.NAME) && tokens.peek(1).is(Token.Type.LEFT_PAREN);
        return call ? tokens.peek().text() : null;
    }

    /** The parenthesised arguments of a call to the named function (whose name was already consumed). */
    List<Operand> arguments(String function, int arity, Supplier<Operand> argument) {
        tokens.expect(Token.Type.LEFT_PAREN);
        List<Operand> arguments = new ArrayList<>();
        if (!tokens.at(Token.Type.RIGHT_PAREN)) {
            do {
                arguments.add(argument.get());
            } while (tokens.accept(Token.Type.COMMA));
        }
        tokens.expect(Token.Type.RIGHT_PAREN);
        if (arguments.size() != arity) {
            throw tokens.error("Incorrect number of operands for operator or function; operator or function: "
                    + function + ", number of operands: " + arguments.size());
        }
        return arguments;
    }

    /** The path an operand names; a function that needs a path was given something else otherwise. */
    DocumentPath requirePath(String function, Operand operand) {
        if (operand instanceof Operand.Path path) {
            return path.path();
        }
        throw tokens.error("Operator or function requires a document path; operator or function: " + function);
    }

    /** Rejects a {@code :value} operand whose type is not among the allowed ones; other operands are checked later. */
    void requireValueType(String function, Operand operand, String... allowedTypes) {
        if (operand instanceof Operand.Value value && !List.of(allowedTypes).contains(AttributeValues.type(value.value()))) {
            throw tokens.error("Incorrect operand type for operator or function; operator or function: " + function
                    + ", operand type: " + AttributeValues.type(value.value()));
        }
    }

    private String name() {
        Token token = tokens.peek();
        if (token.is(Token.Type.NAME)) {
            return tokens.next().text();
        }
        if (!token.is(Token.Type.NAME_REF)) {
            throw tokens.syntaxError();
        }
        String name = context.names().get(token.text());
        if (name == null) {
            throw tokens.error("An expression attribute name used in the document path is not defined; attribute name: "
                    + token.text());
        }
        tokens.next();
        return name;
    }

    private int index() {
        // Nine digits always fit an int; longer indexes are far past any list DynamoDB can hold.
        if (!tokens.at(Token.Type.INDEX) || tokens.peek().text().length() > 9) {
            throw tokens.syntaxError();
        }
        return Integer.parseInt(tokens.next().text());
    }
}
