package io.github.dynamodbstream.emulator.internal.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;

class TokenizerTest {

    @Test
    void splitsPathsPlaceholdersAndOperators() {
        List<Token> tokens = Tokenizer.tokenize("a.#b[10] <> :v_1 AND c>=d<=e");

        assertThat(tokens).extracting(Token::type, Token::text).containsExactly(
                tuple(Token.Type.NAME, "a"), tuple(Token.Type.DOT, "."), tuple(Token.Type.NAME_REF, "#b"),
                tuple(Token.Type.LEFT_BRACKET, "["), tuple(Token.Type.INDEX, "10"),
                tuple(Token.Type.RIGHT_BRACKET, "]"), tuple(Token.Type.NE, "<>"), tuple(Token.Type.VALUE_REF, ":v_1"),
                tuple(Token.Type.NAME, "AND"), tuple(Token.Type.NAME, "c"), tuple(Token.Type.GE, ">="),
                tuple(Token.Type.NAME, "d"), tuple(Token.Type.LE, "<="), tuple(Token.Type.NAME, "e"),
                tuple(Token.Type.EOF, ""));
    }

    @Test
    void recordsWhereEachTokenIs() {
        List<Token> tokens = Tokenizer.tokenize("  ab\t= :v\n");

        assertThat(tokens).extracting(Token::start, Token::end).containsExactly(
                tuple(2, 4), tuple(5, 6), tuple(7, 9), tuple(10, 10));
    }

    @Test
    void unknownCharactersBecomeTokensForTheParserToReport() {
        List<Token> tokens = Tokenizer.tokenize("a $ # : 'b'");

        assertThat(tokens).extracting(Token::type, Token::text).containsExactly(
                tuple(Token.Type.NAME, "a"), tuple(Token.Type.UNKNOWN, "$"), tuple(Token.Type.UNKNOWN, "#"),
                tuple(Token.Type.UNKNOWN, ":"), tuple(Token.Type.UNKNOWN, "'"), tuple(Token.Type.NAME, "b"),
                tuple(Token.Type.UNKNOWN, "'"), tuple(Token.Type.EOF, ""));
    }

    @Test
    void arithmeticAndPunctuationAreSingleTokens() {
        assertThat(Tokenizer.tokenize("f(a,b)+c-d")).extracting(Token::type).containsExactly(
                Token.Type.NAME, Token.Type.LEFT_PAREN, Token.Type.NAME, Token.Type.COMMA, Token.Type.NAME,
                Token.Type.RIGHT_PAREN, Token.Type.PLUS, Token.Type.NAME, Token.Type.MINUS, Token.Type.NAME,
                Token.Type.EOF);
    }

    @Test
    void keywordsMatchInAnyCase() {
        Token token = Tokenizer.tokenize("between").get(0);

        assertThat(token.isKeyword("BETWEEN")).isTrue();
        assertThat(token.isKeyword("AND")).isFalse();
    }
}
