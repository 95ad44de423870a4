package io.github.dynamodbstream.emulator.internal.expression;

import static io.github.dynamodbstream.emulator.internal.expression.DynamoJson.context;
import static io.github.dynamodbstream.emulator.internal.expression.DynamoJson.json;
import static io.github.dynamodbstream.emulator.internal.expression.DynamoJson.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dynamodbstream.emulator.internal.ApiException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UpdateExpressionTest {

    private static final ExpressionContext VALUES = values("""
            {':v': {S: 'new'}, ':one': {N: '1'}, ':half': {N: '0.5'}, ':ten': {N: '10'}, ':s': {S: 'text'},
             ':list': {L: [{S: 'c'}]}, ':empty': {L: []}, ':blue': {SS: ['blue']}, ':redBlue': {SS: ['red', 'blue']},
             ':nums': {NS: ['2.0', '3']}, ':map': {M: {k: {S: 'v'}}}, ':green': {SS: ['green']},
             ':allColours': {SS: ['red', 'green']}, ':bytes': {BS: ['AQ==']}}
            """);

    private static ObjectNode update(String expression, String item) {
        return Expressions.update(expression, VALUES).apply(json(item));
    }

    private static ApiException parseError(String expression) {
        try {
            Expressions.update(expression, VALUES);
        } catch (ApiException e) {
            return e;
        }
        throw new AssertionError("expected a ValidationException for " + expression);
    }

    @Test
    void setWritesATopLevelAttribute() {
        assertThat(update("SET a = :v", "{id: {S: '1'}}")).isEqualTo(json("{id: {S: '1'}, a: {S: 'new'}}"));
    }

    @Test
    void setReplacesAnAttributeOfAnotherType() {
        assertThat(update("SET a = :v", "{a: {N: '5'}}")).isEqualTo(json("{a: {S: 'new'}}"));
    }

    @Test
    void setWritesSeveralAttributes() {
        assertThat(update("SET a = :v, b = :one", "{}")).isEqualTo(json("{a: {S: 'new'}, b: {N: '1'}}"));
    }

    @Test
    void setWritesIntoANestedMap() {
        assertThat(update("SET m.inner.k = :v", "{m: {M: {inner: {M: {}}}}}"))
                .isEqualTo(json("{m: {M: {inner: {M: {k: {S: 'new'}}}}}}"));
    }

    @Test
    void setReplacesAListElement() {
        assertThat(update("SET l[1] = :v", "{l: {L: [{S: 'a'}, {S: 'b'}, {S: 'c'}]}}"))
                .isEqualTo(json("{l: {L: [{S: 'a'}, {S: 'new'}, {S: 'c'}]}}"));
    }

    @Test
    void setPastTheEndOfAListAppends() {
        assertThat(update("SET l[10] = :v", "{l: {L: [{S: 'a'}]}}"))
                .isEqualTo(json("{l: {L: [{S: 'a'}, {S: 'new'}]}}"));
    }

    @Test
    void setWritesIntoAMapInAList() {
        assertThat(update("SET l[0].k = :v", "{l: {L: [{M: {}}]}}"))
                .isEqualTo(json("{l: {L: [{M: {k: {S: 'new'}}}]}}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"SET missing.k = :v", "SET m.missing.k = :v", "SET s.k = :v", "SET m[0] = :v",
        "SET l.k = :v", "SET missing[0] = :v"})
    void setThroughAMissingOrWrongContainerIsRejected(String expression) {
        assertThatThrownBy(() -> update(expression, "{m: {M: {}}, s: {S: 'x'}, l: {L: []}}"))
                .isInstanceOf(ApiException.class)
                .hasMessage("The document path provided in the update expression is invalid for update");
    }

    @Test
    void setCopiesAnotherAttribute() {
        assertThat(update("SET b = a", "{a: {M: {k: {S: 'v'}}}}"))
                .isEqualTo(json("{a: {M: {k: {S: 'v'}}}, b: {M: {k: {S: 'v'}}}}"));
    }

    @Test
    void copiedValuesAreIndependentOfTheirSource() {
        ObjectNode updated = Expressions.update("SET b = a, c = :map", VALUES).apply(json("{a: {M: {}}}"));

        ((ObjectNode) updated.get("b").get("M")).put("changed", true);
        ((ObjectNode) updated.get("c").get("M")).put("changed", true);

        assertThat(updated.get("a")).isEqualTo(json("{M: {}}"));
        assertThat(VALUES.values().get(":map")).isEqualTo(json("{M: {k: {S: 'v'}}}"));
    }

    @Test
    void rightHandSidesReadTheItemBeforeTheUpdate() {
        assertThat(update("SET a = b, b = a", "{a: {S: 'A'}, b: {S: 'B'}}"))
                .isEqualTo(json("{a: {S: 'B'}, b: {S: 'A'}}"));
    }

    @Test
    void setAddsAndSubtractsNumbers() {
        assertThat(update("SET n = n + :one, d = :ten - n", "{n: {N: '4'}}"))
                .isEqualTo(json("{n: {N: '5'}, d: {N: '6'}}"));
    }

    @Test
    void arithmeticIsExactAndNormalizesTheResult() {
        assertThat(update("SET n = n + :half", "{n: {N: '12.5'}}")).isEqualTo(json("{n: {N: '13'}}"));
        assertThat(update("SET n = n - :one", "{n: {N: '1'}}")).isEqualTo(json("{n: {N: '0'}}"));
        assertThat(update("SET n = n + :ten", "{n: {N: '0.1'}}")).isEqualTo(json("{n: {N: '10.1'}}"));
        assertThat(update("SET n = n + :ten", "{n: {N: '90'}}")).isEqualTo(json("{n: {N: '100'}}"));
    }

    @Test
    void arithmeticOnAMissingAttributeIsRejected() {
        assertThatThrownBy(() -> update("SET n = n + :one", "{}"))
                .hasMessage("The provided expression refers to an attribute that does not exist in the item");
    }

    @Test
    void copyingAMissingAttributeIsRejected() {
        assertThatThrownBy(() -> update("SET b = a", "{}"))
                .hasMessage("The provided expression refers to an attribute that does not exist in the item");
    }

    @Test
    void arithmeticOnAStringAttributeIsRejected() {
        assertThatThrownBy(() -> update("SET n = n + :one", "{n: {S: '1'}}"))
                .hasMessage("An operand in the update expression has an incorrect data type");
    }

    @Test
    void arithmeticWithAStringValueIsRejectedWhenParsed() {
        assertThat(parseError("SET n = n + :s")).hasMessage("Invalid UpdateExpression: Incorrect operand type for"
                + " operator or function; operator or function: +, operand type: S");
        assertThat(parseError("SET n = :s - n").getMessage()).contains("operator or function: -, operand type: S");
    }

    @Test
    void ifNotExistsKeepsAnExistingValue() {
        assertThat(update("SET a = if_not_exists(a, :v)", "{a: {S: 'old'}}")).isEqualTo(json("{a: {S: 'old'}}"));
    }

    @Test
    void ifNotExistsUsesTheFallbackForAMissingValue() {
        assertThat(update("SET a = if_not_exists(a, :v)", "{}")).isEqualTo(json("{a: {S: 'new'}}"));
    }

    @Test
    void ifNotExistsCanStartACounter() {
        assertThat(update("SET n = if_not_exists(n, :ten) + :one", "{}")).isEqualTo(json("{n: {N: '11'}}"));
        assertThat(update("SET n = if_not_exists(n, :ten) + :one", "{n: {N: '1'}}")).isEqualTo(json("{n: {N: '2'}}"));
    }

    @Test
    void ifNotExistsCanReadAnotherPath() {
        assertThat(update("SET a = if_not_exists(m.k, :v)", "{m: {M: {k: {S: 'nested'}}}}"))
                .isEqualTo(json("{m: {M: {k: {S: 'nested'}}}, a: {S: 'nested'}}"));
    }

    @Test
    void listAppendConcatenatesInArgumentOrder() {
        assertThat(update("SET l = list_append(l, :list)", "{l: {L: [{S: 'a'}, {S: 'b'}]}}"))
                .isEqualTo(json("{l: {L: [{S: 'a'}, {S: 'b'}, {S: 'c'}]}}"));
        assertThat(update("SET l = list_append(:list, l)", "{l: {L: [{S: 'a'}]}}"))
                .isEqualTo(json("{l: {L: [{S: 'c'}, {S: 'a'}]}}"));
    }

    @Test
    void listAppendWithIfNotExistsStartsAMissingList() {
        assertThat(update("SET l = list_append(if_not_exists(l, :empty), :list)", "{}"))
                .isEqualTo(json("{l: {L: [{S: 'c'}]}}"));
    }

    @Test
    void listAppendOnANonListAttributeIsRejected() {
        assertThatThrownBy(() -> update("SET l = list_append(l, :list)", "{l: {S: 'x'}}"))
                .hasMessage("An operand in the update expression has an incorrect data type");
    }

    @Test
    void listAppendWithANonListValueIsRejectedWhenParsed() {
        assertThat(parseError("SET l = list_append(l, :map)")).hasMessage("Invalid UpdateExpression: Incorrect"
                + " operand type for operator or function; operator or function: list_append, operand type: M");
    }

    @Test
    void updateFunctionsCheckTheirOperands() {
        assertThat(parseError("SET a = if_not_exists(:v, a)")).hasMessage("Invalid UpdateExpression: Operator or"
                + " function requires a document path; operator or function: if_not_exists");
        assertThat(parseError("SET l = list_append(l)").getMessage())
                .contains("operator or function: list_append, number of operands: 1");
    }

    @Test
    void conditionFunctionsAreNotAllowedInUpdates() {
        assertThat(parseError("SET a = size(b)")).hasMessage("Invalid UpdateExpression: The function is not"
                + " allowed to be used this way in an expression; function: size");
        assertThat(parseError("SET a = upper(b)"))
                .hasMessage("Invalid UpdateExpression: Invalid function name; function: upper");
    }

    @Test
    void removeDeletesTopLevelAndNestedAttributes() {
        assertThat(update("REMOVE a, m.k", "{a: {S: 'x'}, b: {S: 'y'}, m: {M: {k: {S: 'v'}, o: {S: 'w'}}}}"))
                .isEqualTo(json("{b: {S: 'y'}, m: {M: {o: {S: 'w'}}}}"));
    }

    @Test
    void removeDeletesAListElementAndShiftsTheRest() {
        assertThat(update("REMOVE l[0]", "{l: {L: [{S: 'a'}, {S: 'b'}]}}")).isEqualTo(json("{l: {L: [{S: 'b'}]}}"));
    }

    @Test
    void removedListIndexesAllReferToTheListBeforeTheUpdate() {
        assertThat(update("REMOVE l[0], l[2]", "{l: {L: [{S: 'a'}, {S: 'b'}, {S: 'c'}, {S: 'd'}]}}"))
                .isEqualTo(json("{l: {L: [{S: 'b'}, {S: 'd'}]}}"));
    }

    @Test
    void removingWhatDoesNotExistChangesNothing() {
        String item = "{l: {L: [{S: 'a'}]}, m: {M: {}}}";

        assertThat(update("REMOVE missing, l[5], m.k", item)).isEqualTo(json(item));
        assertThat(update("REMOVE missing.k", item)).isEqualTo(json(item));
    }

    @Test
    void removeThroughAWrongContainerIsRejected() {
        assertThatThrownBy(() -> update("REMOVE s.k", "{s: {S: 'x'}}"))
                .hasMessage("The document path provided in the update expression is invalid for update");
    }

    @Test
    void addIncrementsANumber() {
        assertThat(update("ADD n :one", "{n: {N: '41'}}")).isEqualTo(json("{n: {N: '42'}}"));
    }

    @Test
    void addCreatesAMissingNumberOrSet() {
        assertThat(update("ADD n :ten, s :blue", "{}")).isEqualTo(json("{n: {N: '10'}, s: {SS: ['blue']}}"));
    }

    @Test
    void addMakesTheUnionOfSets() {
        assertThat(update("ADD s :redBlue", "{s: {SS: ['green', 'red']}}"))
                .isEqualTo(json("{s: {SS: ['green', 'red', 'blue']}}"));
    }

    @Test
    void addComparesNumberSetElementsByValue() {
        assertThat(update("ADD s :nums", "{s: {NS: ['2']}}")).isEqualTo(json("{s: {NS: ['2', '3']}}"));
    }

    @Test
    void addWorksOnNestedPaths() {
        assertThat(update("ADD m.n :one", "{m: {M: {n: {N: '1'}}}}")).isEqualTo(json("{m: {M: {n: {N: '2'}}}}"));
    }

    @Test
    void addOfAMismatchedTypeIsRejected() {
        assertThatThrownBy(() -> update("ADD s :one", "{s: {SS: ['a']}}"))
                .hasMessage("An operand in the update expression has an incorrect data type");
        assertThatThrownBy(() -> update("ADD s :nums", "{s: {SS: ['a']}}"))
                .hasMessage("An operand in the update expression has an incorrect data type");
        assertThatThrownBy(() -> update("ADD s :one", "{s: {S: 'a'}}"))
                .hasMessage("An operand in the update expression has an incorrect data type");
    }

    @Test
    void addAcceptsOnlyNumbersAndSets() {
        assertThat(parseError("ADD a :s")).hasMessage("Invalid UpdateExpression: Incorrect operand type for"
                + " operator or function; operator or function: ADD, operand type: S");
        assertThat(parseError("ADD a :list").getMessage()).contains("operand type: L");
    }

    @Test
    void addTakesAValueNotAPath() {
        assertThat(parseError("ADD a b").getMessage()).startsWith("Invalid UpdateExpression: Syntax error; token: \"b\"");
    }

    @Test
    void deleteRemovesElementsFromASet() {
        assertThat(update("DELETE s :blue", "{s: {SS: ['red', 'blue']}}")).isEqualTo(json("{s: {SS: ['red']}}"));
        assertThat(update("DELETE s :nums", "{s: {NS: ['1', '2', '3']}}")).isEqualTo(json("{s: {NS: ['1']}}"));
        assertThat(update("DELETE s :bytes", "{s: {BS: ['AQ==', 'Ag==']}}")).isEqualTo(json("{s: {BS: ['Ag==']}}"));
    }

    @Test
    void deletingTheLastElementsRemovesTheAttribute() {
        assertThat(update("DELETE s :allColours", "{id: {S: '1'}, s: {SS: ['red', 'green']}}"))
                .isEqualTo(json("{id: {S: '1'}}"));
    }

    @Test
    void deleteFromAMissingSetChangesNothing() {
        assertThat(update("DELETE s :blue", "{id: {S: '1'}}")).isEqualTo(json("{id: {S: '1'}}"));
    }

    @Test
    void deleteFromASetOfAnotherTypeIsRejected() {
        assertThatThrownBy(() -> update("DELETE s :nums", "{s: {SS: ['1']}}"))
                .hasMessage("An operand in the update expression has an incorrect data type");
    }

    @Test
    void deleteAcceptsOnlySets() {
        assertThat(parseError("DELETE s :one")).hasMessage("Invalid UpdateExpression: Incorrect operand type for"
                + " operator or function; operator or function: DELETE, operand type: N");
    }

    @Test
    void clausesMayComeInAnyOrderAndAnyCase() {
        ObjectNode updated = update("remove r DELETE s :green add n :one SET a = :v",
                "{r: {S: 'x'}, s: {SS: ['green', 'red']}, n: {N: '1'}}");

        assertThat(updated).isEqualTo(json("{s: {SS: ['red']}, n: {N: '2'}, a: {S: 'new'}}"));
    }

    @Test
    void eachClauseMayAppearOnce() {
        assertThat(parseError("SET a = :v SET b = :v")).hasMessage("Invalid UpdateExpression:"
                + " The \"SET\" section can only be used once in an update expression;");
        assertThat(parseError("REMOVE a ADD n :one remove b").getMessage()).contains("\"REMOVE\" section");
    }

    @Test
    void updatingTheSamePathTwiceIsRejected() {
        assertThat(parseError("SET a = :v REMOVE a")).hasMessage("Invalid UpdateExpression: Two document paths"
                + " overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a]");
    }

    @Test
    void updatingAPathAndAPathWithinItIsRejected() {
        assertThat(parseError("SET m.k = :v, m = :map").getMessage())
                .contains("Two document paths overlap with each other")
                .contains("path one: [m, k], path two: [m]");
        assertThat(parseError("REMOVE l[0], l[0].k").getMessage()).contains("path one: [l, [0]], path two: [l, [0], k]");
    }

    @Test
    void reachingTheSameValueAsMapAndListIsRejected() {
        assertThat(parseError("SET a.b = :v, a[0] = :v").getMessage())
                .contains("Two document paths conflict with each other")
                .contains("path one: [a, b], path two: [a, [0]]");
    }

    @Test
    void siblingPathsDoNotOverlap() {
        assertThat(update("SET m.a = :v, m.b = :one, l[0] = :v, l[1] = :v", "{m: {M: {}}, l: {L: []}}"))
                .isEqualTo(json("{m: {M: {a: {S: 'new'}, b: {N: '1'}}}, l: {L: [{S: 'new'}, {S: 'new'}]}}"));
    }

    @Test
    void namePlaceholdersAreSubstituted() {
        ExpressionContext context = context(Map.of("#m", "m", "#k", "key"), "{':v': {S: 'new'}}");

        ObjectNode updated = Expressions.update("SET #m.#k = :v", context).apply(json("{m: {M: {}}}"));

        assertThat(updated).isEqualTo(json("{m: {M: {key: {S: 'new'}}}}"));
    }

    @Test
    void theGivenItemIsNeverChanged() {
        ObjectNode item = json("{n: {N: '1'}, s: {SS: ['blue', 'red']}, l: {L: [{S: 'a'}]}, m: {M: {k: {S: 'v'}}}}");
        ObjectNode before = item.deepCopy();

        ObjectNode updated = Expressions.update("SET l[0] = :v, m.k = :v ADD n :one DELETE s :blue", VALUES)
                .apply(item);

        assertThat(item).isEqualTo(before);
        assertThat(updated).isNotEqualTo(before);
    }

    @Test
    void syntaxErrorQuotesTheTokenAndItsNeighbours() {
        assertThat(parseError("SET x")).hasMessage("Invalid UpdateExpression: Syntax error; token: \"<EOF>\", near: \"x\"");
        assertThat(parseError("SET = :v")).hasMessage("Invalid UpdateExpression: Syntax error; token: \"=\", near: \"SET = :v\"");
        assertThat(parseError("UPDATE a = :v")).hasMessage("Invalid UpdateExpression: Syntax error; token: \"UPDATE\", near: \"UPDATE a\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"SET a = :v,", "SET a :v", "SET a = :v + ", "SET a = :one + :one + :one", "REMOVE",
        "SET a = :v, REMOVE b", "ADD n", "SET a = (:v)", "SET a = :v REMOVE b,"})
    void malformedUpdatesAreSyntaxErrors(String expression) {
        assertThat(parseError(expression).getMessage()).startsWith("Invalid UpdateExpression: Syntax error; token: ");
    }

    @Test
    void undefinedPlaceholdersAreRejected() {
        assertThat(parseError("SET a = :nope")).hasMessage("Invalid UpdateExpression: An expression attribute value"
                + " used in expression is not defined; attribute value: :nope");
        assertThat(parseError("REMOVE #nope")).hasMessage("Invalid UpdateExpression: An expression attribute name"
                + " used in the document path is not defined; attribute name: #nope");
    }

    @Test
    void emptyExpressionIsRejected() {
        assertThat(parseError("")).hasMessage("Invalid UpdateExpression: The expression can not be empty;");
    }
}
