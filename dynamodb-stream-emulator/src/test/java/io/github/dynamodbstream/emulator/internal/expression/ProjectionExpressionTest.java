package io.github.dynamodbstream.emulator.internal.expression;

import static io.github.dynamodbstream.emulator.internal.expression.DynamoJson.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProjectionExpressionTest {

    private static final ObjectNode ITEM = json("""
            {id: {S: 'a'}, n: {N: '1'}, s: {S: 'x'},
             m: {M: {a: {S: 'A'}, b: {S: 'B'}, c: {M: {d: {S: 'D'}, e: {S: 'E'}}}}},
             l: {L: [{S: 'zero'}, {M: {k: {S: 'one'}, o: {S: 'other'}}}, {S: 'two'}, {S: 'three'}]}}
            """);

    private static ObjectNode project(String expression) {
        return Expressions.projection(expression, ExpressionContext.empty()).apply(ITEM);
    }

    @Test
    void keepsOnlyTheNamedTopLevelAttributes() {
        assertThat(project("id, n")).isEqualTo(json("{id: {S: 'a'}, n: {N: '1'}}"));
    }

    @Test
    void leavesOutAttributesTheItemDoesNotHave() {
        assertThat(project("id, missing")).isEqualTo(json("{id: {S: 'a'}}"));
        assertThat(project("missing")).isEmpty();
    }

    @Test
    void aNestedPathKeepsItsEnclosingMaps() {
        assertThat(project("m.c.d")).isEqualTo(json("{m: {M: {c: {M: {d: {S: 'D'}}}}}}"));
    }

    @Test
    void pathsIntoTheSameMapAreMerged() {
        assertThat(project("m.a, id, m.c.e")).isEqualTo(json("{m: {M: {a: {S: 'A'}, c: {M: {e: {S: 'E'}}}}}, id: {S: 'a'}}"));
    }

    @Test
    void listElementsAreKeptInIndexOrderWithoutGaps() {
        assertThat(project("l[3], l[0]")).isEqualTo(json("{l: {L: [{S: 'zero'}, {S: 'three'}]}}"));
    }

    @Test
    void aPathThroughAListElementKeepsThatElementsStructure() {
        assertThat(project("l[1].k")).isEqualTo(json("{l: {L: [{M: {k: {S: 'one'}}}]}}"));
    }

    @Test
    void aWholeMapOrListIsCopied() {
        assertThat(project("m")).isEqualTo(json("{m: " + ITEM.get("m") + "}"));
        assertThat(project("l")).isEqualTo(json("{l: " + ITEM.get("l") + "}"));
    }

    @Test
    void pathsThatLeadNowhereAreLeftOut() {
        assertThat(project("m.missing, l[9], s.k, m.c.missing")).isEmpty();
        assertThat(project("m[0], l.k")).isEmpty();
    }

    @Test
    void namePlaceholdersAreSubstituted() {
        ExpressionContext context = new ExpressionContext(Map.of("#m", "m", "#c", "c"), null);

        assertThat(Expressions.projection("#m.#c.d", context).apply(ITEM))
                .isEqualTo(json("{m: {M: {c: {M: {d: {S: 'D'}}}}}}"));
    }

    @Test
    void theResultIsACopy() {
        ObjectNode projected = project("m");

        ((ObjectNode) projected.get("m").get("M")).remove("a");

        assertThat(ITEM.get("m").get("M").has("a")).isTrue();
    }

    @Test
    void overlappingPathsAreRejected() {
        assertThatThrownBy(() -> project("m, m.a")).hasMessage("Invalid ProjectionExpression: Two document paths"
                + " overlap with each other; must remove or rewrite one of these paths; path one: [m], path two: [m, a]");
        assertThatThrownBy(() -> project("id, id")).hasMessageContaining("path one: [id], path two: [id]");
    }

    @Test
    void aHyphenIsNotPartOfAName() {
        assertThatThrownBy(() -> project("my-attr"))
                .hasMessage("Invalid ProjectionExpression: Syntax error; token: \"-\", near: \"my-attr\"");
    }

    @Test
    void aTrailingCommaIsASyntaxError() {
        assertThatThrownBy(() -> project("id,"))
                .hasMessage("Invalid ProjectionExpression: Syntax error; token: \"<EOF>\", near: \",\"");
    }

    @Test
    void undefinedNamePlaceholderIsRejected() {
        assertThatThrownBy(() -> project("#x")).hasMessage("Invalid ProjectionExpression: An expression attribute"
                + " name used in the document path is not defined; attribute name: #x");
    }
}
