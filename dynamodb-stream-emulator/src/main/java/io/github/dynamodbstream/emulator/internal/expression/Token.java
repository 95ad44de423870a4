package io.github.dynamodbstream.emulator.internal.expression;

/**
 * One lexical token of an expression.
 *
 * @param type what the token is
 * @param text the token as written
 * @param start offset of its first character in the expression
 * @param end offset just after its last character
 */
record Token(Type type, String text, int start, int end) {

    /** The kinds of token; keywords are {@link #NAME}s, recognised by the parsers. */
    enum Type {
        NAME, NAME_REF, VALUE_REF, INDEX,
        LEFT_PAREN, RIGHT_PAREN, LEFT_BRACKET, RIGHT_BRACKET, COMMA, DOT,
        EQ, NE, LT, LE, GT, GE, PLUS, MINUS,
        UNKNOWN, EOF
    }

    boolean is(Type expected) {
        return type == expected;
    }

    /** Whether this token is the given keyword; keywords are case-insensitive. */
    boolean isKeyword(String keyword) {
        return type == Type.NAME && text.equalsIgnoreCase(keyword);
    }

    String describe() {
        return type == Type.EOF ? "<EOF>" : text;
    }
}
