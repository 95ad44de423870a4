package io.github.dynamodbstream.emulator.internal.expression;

import io.github.dynamodbstream.emulator.internal.ApiException;
import java.util.List;

/** A cursor over the tokens of one expression that builds DynamoDB's error messages for it. */
final class TokenStream {

    private final String kind;
    private final String expression;
    private final List<Token> tokens;
    private int position;

    /**
     * @param kind the request parameter holding the expression, such as {@code UpdateExpression}
     * @param expression the expression text
     */
    TokenStream(String kind, String expression) {
        this.kind = kind;
        this.expression = expression;
        if (expression == null || expression.isBlank()) {
            throw error("The expression can not be empty;");
        }
        this.tokens = Tokenizer.tokenize(expression);
    }

    Token peek() {
        return tokens.get(position);
    }

    Token peek(int ahead) {
        return tokens.get(Math.min(position + ahead, tokens.size() - 1));
    }

    Token next() {
        Token token = tokens.get(position);
        if (!token.is(Token.Type.EOF)) {
            position++;
        }
        return token;
    }

    boolean at(Token.Type type) {
        return peek().is(type);
    }

    boolean atKeyword(String keyword) {
        return peek().isKeyword(keyword);
    }

    /** Consumes the next token when it has the given type. */
    boolean accept(Token.Type type) {
        if (at(type)) {
            next();
            return true;
        }
        return false;
    }

    Token expect(Token.Type type) {
        if (!at(type)) {
            throw syntaxError();
        }
        return next();
    }

    void expectKeyword(String keyword) {
        if (!atKeyword(keyword)) {
            throw syntaxError();
        }
        next();
    }

    void expectEnd() {
        if (!at(Token.Type.EOF)) {
            throw syntaxError();
        }
    }

    /** A syntax error at the current token, quoting it with its neighbours as DynamoDB does. */
    ApiException syntaxError() {
        Token current = peek();
        Token before = position > 0 ? tokens.get(position - 1) : current;
        Token after = peek(1);
        String near = expression.substring(before.start(), Math.max(current.end(), after.end())).strip();
        return error("Syntax error; token: \"" + current.describe() + "\", near: \"" + near + "\"");
    }

    /** An error about this expression: {@code Invalid <kind>: <detail>}. */
    ApiException error(String detail) {
        return ApiException.validation("Invalid " + kind + ": " + detail);
    }
}
