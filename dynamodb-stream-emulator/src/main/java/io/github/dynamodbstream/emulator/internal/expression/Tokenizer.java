package io.github.dynamodbstream.emulator.internal.expression;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits an expression into tokens. It never fails: a character it does not know becomes an
 * {@link Token.Type#UNKNOWN} token, so that the parser reports it as a syntax error with its context.
 */
final class Tokenizer {

    private Tokenizer() {
    }

    /** The tokens of the expression, always ending with an {@link Token.Type#EOF} token. */
    static List<Token> tokenize(String expression) {
        List<Token> tokens = new ArrayList<>();
        int position = 0;
        while (position < expression.length()) {
            char current = expression.charAt(position);
            if (Character.isWhitespace(current)) {
                position++;
                continue;
            }
            Token token = next(expression, position);
            tokens.add(token);
            position = token.end();
        }
        tokens.add(new Token(Token.Type.EOF, "", expression.length(), expression.length()));
        return tokens;
    }

    private static Token next(String expression, int start) {
        char current = expression.charAt(start);
        if (isNameStart(current)) {
            return word(expression, start, start, Token.Type.NAME);
        }
        if (isDigit(current)) {
            int end = start;
            while (end < expression.length() && isDigit(expression.charAt(end))) {
                end++;
            }
            return token(expression, Token.Type.INDEX, start, end);
        }
        if ((current == '#' || current == ':') && start + 1 < expression.length()
                && isNamePart(expression.charAt(start + 1))) {
            return word(expression, start, start + 1, current == '#' ? Token.Type.NAME_REF : Token.Type.VALUE_REF);
        }
        String two = expression.substring(start, Math.min(start + 2, expression.length()));
        switch (two) {
            case "<>":
                return token(expression, Token.Type.NE, start, start + 2);
            case "<=":
                return token(expression, Token.Type.LE, start, start + 2);
            case ">=":
                return token(expression, Token.Type.GE, start, start + 2);
            default:
                return token(expression, symbol(current), start, start + 1);
        }
    }

    private static Token.Type symbol(char character) {
        return switch (character) {
            case '(' -> Token.Type.LEFT_PAREN;
            case ')' -> Token.Type.RIGHT_PAREN;
            case '[' -> Token.Type.LEFT_BRACKET;
            case ']' -> Token.Type.RIGHT_BRACKET;
            case ',' -> Token.Type.COMMA;
            case '.' -> Token.Type.DOT;
            case '=' -> Token.Type.EQ;
            case '<' -> Token.Type.LT;
            case '>' -> Token.Type.GT;
            case '+' -> Token.Type.PLUS;
            case '-' -> Token.Type.MINUS;
            default -> Token.Type.UNKNOWN;
        };
    }

    private static Token word(String expression, int start, int partsFrom, Token.Type type) {
        int end = partsFrom;
        while (end < expression.length() && isNamePart(expression.charAt(end))) {
            end++;
        }
        return token(expression, type, start, end);
    }

    private static Token token(String expression, Token.Type type, int start, int end) {
        return new Token(type, expression.substring(start, end), start, end);
    }

    private static boolean isNameStart(char character) {
        return character == '_' || (character < 128 && Character.isLetter(character));
    }

    private static boolean isNamePart(char character) {
        return isNameStart(character) || isDigit(character);
    }

    private static boolean isDigit(char character) {
        return character >= '0' && character <= '9';
    }
}
