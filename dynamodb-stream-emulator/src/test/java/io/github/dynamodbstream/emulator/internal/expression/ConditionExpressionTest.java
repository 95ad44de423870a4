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
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConditionExpressionTest {

    private static final ObjectNode ITEM = json("""
            {id: {S: 'a'}, n: {N: '12.5'}, s: {S: 'hello world'}, t: {BOOL: true}, z: {NULL: true},
             b: {B: 'AQID'}, ss: {SS: ['red', 'green']}, ns: {NS: ['1', '2.5']}, bs: {BS: ['AQ==', 'Ag==']},
             l: {L: [{S: 'x'}, {N: '2'}, {M: {k: {S: 'v'}}}]},
             m: {M: {inner: {M: {deep: {S: 'bottom'}}}, list: {L: [{M: {name: {S: 'first'}}}]}}}}
            """);

    private static final ExpressionContext VALUES = values("""
            {':a': {S: 'a'}, ':b': {S: 'b'}, ':hello': {S: 'hello'}, ':world': {S: 'world'},
             ':n12_5': {N: '12.50'}, ':10': {N: '10'}, ':13': {N: '13'}, ':2': {N: '2'}, ':3': {N: '3'},
             ':n1_0': {N: '1.0'}, ':true': {BOOL: true}, ':red': {S: 'red'}, ':blue': {S: 'blue'},
             ':x': {S: 'x'}, ':kv': {M: {k: {S: 'v'}}}, ':AQ': {B: 'AQ=='},
             ':S': {S: 'S'}, ':N': {S: 'N'}, ':bottom': {S: 'bottom'}, ':first': {S: 'first'}, ':11': {N: '11'}}
            """);

    private static boolean holds(String expression) {
        return Expressions.condition(expression, VALUES).test(ITEM);
    }

    private static ApiException conditionError(String expression, ExpressionContext context) {
        try {
            Expressions.condition(expression, context);
        } catch (ApiException e) {
            return e;
        }
        throw new AssertionError("expected a ValidationException for " + expression);
    }

    @Test
    void equalityHoldsForTheSameStringOnly() {
        assertThat(holds("id = :a")).isTrue();
        assertThat(holds("id = :b")).isFalse();
    }

    @Test
    void numbersCompareByValueNotByText() {
        assertThat(holds("n = :n12_5")).isTrue();
        assertThat(holds("n > :10")).isTrue();
        assertThat(holds("n < :13")).isTrue();
        assertThat(holds("n <= :n12_5")).isTrue();
        assertThat(holds("n >= :13")).isFalse();
    }

    @Test
    void stringsCompareByCodePointNotByUtf16Unit() {
        ExpressionContext context = values("{':bmp': {S: '\uFFFD'}, ':supplementary': {S: '\uD83D\uDE00'}}");

        Condition condition = Expressions.condition(":supplementary > :bmp", context);

        assertThat(condition.test(null)).isTrue();
    }

    @Test
    void binariesCompareAsUnsignedBytes() {
        ExpressionContext context = values("{':low': {B: 'fw=='}, ':high': {B: 'gA=='}}");

        assertThat(Expressions.condition(":low < :high", context).test(null)).isTrue();
        assertThat(Expressions.condition(":high < :low", context).test(null)).isFalse();
    }

    @Test
    void valuesOfDifferentTypesAreNeitherEqualNorOrdered() {
        assertThat(holds("n = :a")).isFalse();
        assertThat(holds("n <> :a")).isTrue();
        assertThat(holds("n < :a")).isFalse();
        assertThat(holds("n > :a")).isFalse();
    }

    @Test
    void missingAttributeMakesComparisonsFalseExceptNotEqual() {
        assertThat(holds("missing = :a")).isFalse();
        assertThat(holds("missing < :a")).isFalse();
        assertThat(holds("missing >= :a")).isFalse();
        assertThat(holds("missing BETWEEN :a AND :b")).isFalse();
        assertThat(holds("missing IN (:a, :b)")).isFalse();
        assertThat(holds("missing <> :a")).as("<> is the negation of =").isTrue();
    }

    @Test
    void equalityComparesSetsListsAndMapsByContent() {
        ExpressionContext context = values("""
                {':ss': {SS: ['green', 'red']}, ':ns': {NS: ['2.50', '1']},
                 ':l': {L: [{S: 'x'}, {N: '2.0'}, {M: {k: {S: 'v'}}}]}, ':otherList': {L: [{N: '2'}, {S: 'x'}]}}
                """);

        assertThat(Expressions.condition("ss = :ss AND ns = :ns AND l = :l", context).test(ITEM)).isTrue();
        assertThat(Expressions.condition("l = :otherList", context).test(ITEM)).isFalse();
    }

    @Test
    void betweenIncludesBothBounds() {
        assertThat(holds("n BETWEEN :10 AND :n12_5")).isTrue();
        assertThat(holds("n BETWEEN :n12_5 AND :13")).isTrue();
        assertThat(holds("n BETWEEN :10 AND :11")).isFalse();
        assertThat(holds("id BETWEEN :a AND :b")).isTrue();
    }

    @Test
    void betweenIsFalseWhenTheTypesDiffer() {
        assertThat(holds("id BETWEEN :10 AND :13")).isFalse();
    }

    @Test
    void inHoldsWhenAnyCandidateIsEqual() {
        assertThat(holds("id IN (:b, :a)")).isTrue();
        assertThat(holds("id IN (:b)")).isFalse();
        assertThat(holds("n IN (:10, :n12_5)")).isTrue();
    }

    @Test
    void andBindsTighterThanOr() {
        assertThat(holds("id = :a OR id = :b AND n = :10"))
                .as("a OR (b AND c), not (a OR b) AND c")
                .isTrue();
    }

    @Test
    void notBindsTighterThanAnd() {
        assertThat(holds("NOT id = :a AND n = :10")).as("(NOT a) AND b").isFalse();
        assertThat(holds("NOT (id = :a AND n = :10)")).isTrue();
    }

    @Test
    void parenthesesOverridePrecedence() {
        assertThat(holds("(id = :a OR id = :b) AND n = :10")).isFalse();
        assertThat(holds("((id = :a))")).isTrue();
    }

    @Test
    void notCanBeRepeated() {
        assertThat(holds("NOT NOT id = :a")).isTrue();
    }

    @Test
    void keywordsAreCaseInsensitive() {
        assertThat(holds("id = :a and not n = :10 or id = :b")).isTrue();
        assertThat(holds("n between :10 and :13 AND id in (:a)")).isTrue();
    }

    @Test
    void attributeExistsAndAttributeNotExistsLookAtTopLevelAndNestedPaths() {
        assertThat(holds("attribute_exists(id)")).isTrue();
        assertThat(holds("attribute_exists(missing)")).isFalse();
        assertThat(holds("attribute_not_exists(missing)")).isTrue();
        assertThat(holds("attribute_not_exists(id)")).isFalse();
        assertThat(holds("attribute_exists(m.inner.deep)")).isTrue();
        assertThat(holds("attribute_exists(m.inner.other)")).isFalse();
        assertThat(holds("attribute_exists(l[2].k)")).isTrue();
        assertThat(holds("attribute_exists(l[3])")).isFalse();
    }

    @Test
    void aMissingItemHasNoAttributes() {
        Condition condition = Expressions.condition("attribute_not_exists(id)", ExpressionContext.empty());

        assertThat(condition.test(null)).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"id, S", "n, N", "b, B", "t, BOOL", "z, NULL", "ss, SS", "ns, NS", "bs, BS", "l, L", "m, M"})
    void attributeTypeMatchesTheTypeDescriptor(String attribute, String type) {
        ExpressionContext context = values("{':type': {S: '" + type + "'}, ':other': {S: '"
                + (type.equals("S") ? "N" : "S") + "'}}");

        assertThat(Expressions.condition("attribute_type(" + attribute + ", :type)", context).test(ITEM)).isTrue();
        assertThat(Expressions.condition("attribute_type(" + attribute + ", :other)", context).test(ITEM)).isFalse();
    }

    @Test
    void attributeTypeIsFalseForAMissingAttribute() {
        assertThat(holds("attribute_type(missing, :S)")).isFalse();
    }

    @Test
    void beginsWithMatchesStringPrefixes() {
        assertThat(holds("begins_with(s, :hello)")).isTrue();
        assertThat(holds("begins_with(s, :world)")).isFalse();
        assertThat(holds("begins_with(missing, :hello)")).isFalse();
    }

    @Test
    void beginsWithMatchesBinaryPrefixes() {
        assertThat(holds("begins_with(b, :AQ)")).isTrue();
        ExpressionContext context = values("{':two': {B: 'Ag=='}}");
        assertThat(Expressions.condition("begins_with(b, :two)", context).test(ITEM)).isFalse();
    }

    @Test
    void beginsWithIsFalseForOtherTypes() {
        assertThat(holds("begins_with(ss, :red)")).isFalse();
    }

    @Test
    void containsFindsASubstring() {
        assertThat(holds("contains(s, :world)")).isTrue();
        assertThat(holds("contains(s, :blue)")).isFalse();
    }

    @Test
    void containsFindsASetElementOfTheMatchingType() {
        assertThat(holds("contains(ss, :red)")).isTrue();
        assertThat(holds("contains(ss, :blue)")).isFalse();
        assertThat(holds("contains(ns, :n1_0)")).as("numbers by value").isTrue();
        assertThat(holds("contains(ns, :red)")).isFalse();
        assertThat(holds("contains(bs, :AQ)")).isTrue();
    }

    @Test
    void containsFindsAListElementByContent() {
        assertThat(holds("contains(l, :x)")).isTrue();
        assertThat(holds("contains(l, :2)")).isTrue();
        assertThat(holds("contains(l, :kv)")).isTrue();
        assertThat(holds("contains(l, :3)")).isFalse();
    }

    @Test
    void containsIsFalseForANumberOrAMissingAttribute() {
        assertThat(holds("contains(n, :2)")).isFalse();
        assertThat(holds("contains(missing, :2)")).isFalse();
    }

    @Test
    void containsCanTakeAPathAsItsOperand() {
        ObjectNode item = json("{tags: {SS: ['a', 'b']}, wanted: {S: 'b'}}");

        assertThat(Expressions.condition("contains(tags, wanted)", ExpressionContext.empty()).test(item)).isTrue();
    }

    @Test
    void sizeMeasuresStringsBinariesSetsListsAndMaps() {
        ExpressionContext context = values("{':11': {N: '11'}, ':3': {N: '3'}, ':2': {N: '2'}}");
        Map<String, String> cases = Map.of(
                "size(s) = :11", "string length", "size(b) = :3", "binary length", "size(ss) = :2", "set size",
                "size(l) = :3", "list size", "size(m) = :2", "map size", "size(m.list[0].name) > :3", "nested");

        cases.forEach((expression, description) ->
                assertThat(Expressions.condition(expression, context).test(ITEM)).as(description).isTrue());
    }

    @Test
    void sizeCountsCodePoints() {
        ObjectNode item = json("{s: {S: 'a\uD83D\uDE00'}}");

        assertThat(Expressions.condition("size(s) = :2", VALUES).test(item)).isTrue();
    }

    @Test
    void sizeOfAMissingAttributeOrANumberMakesTheComparisonFalse() {
        assertThat(holds("size(missing) >= :2")).isFalse();
        assertThat(holds("size(n) >= :2")).isFalse();
    }

    @Test
    void sizeIsAnOperandOnEitherSideAndInBetween() {
        assertThat(holds(":13 > size(s)")).isTrue();
        assertThat(holds("size(s) BETWEEN :10 AND :n12_5")).isTrue();
        assertThat(holds("size(ss) IN (:3, :2)")).isTrue();
    }

    @Test
    void twoPathsCanBeCompared() {
        ObjectNode item = json("{low: {N: '1'}, high: {N: '2'}}");

        assertThat(Expressions.condition("low < high", ExpressionContext.empty()).test(item)).isTrue();
        assertThat(Expressions.condition("low = high", ExpressionContext.empty()).test(item)).isFalse();
    }

    @Test
    void nestedPathsReachIntoMapsAndLists() {
        assertThat(holds("m.inner.deep = :bottom")).isTrue();
        assertThat(holds("m.list[0].name = :first")).isTrue();
        assertThat(holds("l[0] = :x")).isTrue();
        assertThat(holds("l[1] = :2")).isTrue();
    }

    @Test
    void pathsThroughTheWrongTypeLeadNowhere() {
        assertThat(holds("attribute_exists(l.k)")).isFalse();
        assertThat(holds("attribute_exists(m[0])")).isFalse();
        assertThat(holds("attribute_exists(id.part)")).isFalse();
    }

    @Test
    void namePlaceholdersAreSubstitutedAnywhereInAPath() {
        ExpressionContext context = context(
                Map.of("#m", "m", "#list", "list", "#n", "name", "#dotted", "a.b"), "{':first': {S: 'first'}}");
        ObjectNode item = json("{'a.b': {S: 'first'}, m: {M: {list: {L: [{M: {name: {S: 'first'}}}]}}}}");

        assertThat(Expressions.condition("#m.#list[0].#n = :first", context).test(item)).isTrue();
        assertThat(Expressions.condition("#dotted = :first", context).test(item))
                .as("a substituted name is one attribute name, dots included")
                .isTrue();
    }

    @Test
    void syntaxErrorQuotesTheTokenAndItsNeighbours() {
        assertThat(conditionError("id = :a n", VALUES))
                .hasMessage("Invalid ConditionExpression: Syntax error; token: \"n\", near: \":a n\"");
        assertThat(conditionError("id = ", VALUES))
                .hasMessage("Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \"=\"");
        assertThat(conditionError("id $ :a", VALUES))
                .hasMessage("Invalid ConditionExpression: Syntax error; token: \"$\", near: \"id $ :a\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"id", "(id = :a", "id = :a)", "id BETWEEN :a", "id IN ()", "id IN :a", "id = = :a",
        "NOT", "id = :a AND", "a[x] = :a", "a. = :a", "7 = :a", "id = 'a'"})
    void malformedConditionsAreSyntaxErrors(String expression) {
        assertThat(conditionError(expression, VALUES).getMessage())
                .startsWith("Invalid ConditionExpression: Syntax error; token: ");
    }

    @Test
    void filterExpressionErrorsNameTheFilter() {
        assertThatThrownBy(() -> Expressions.filter("id =", VALUES))
                .hasMessageStartingWith("Invalid FilterExpression: Syntax error;");
    }

    @Test
    void filterExpressionsEvaluateLikeConditions() {
        assertThat(Expressions.filter("id = :a AND size(ss) = :2", VALUES).test(ITEM)).isTrue();
    }

    @Test
    void emptyExpressionIsRejected() {
        assertThat(conditionError("  ", VALUES))
                .hasMessage("Invalid ConditionExpression: The expression can not be empty;");
    }

    @Test
    void errorsAreValidationExceptions() {
        ApiException error = conditionError("id = :missing", VALUES);

        assertThat(error.errorName()).isEqualTo("ValidationException");
        assertThat(error.status()).isEqualTo(400);
    }

    @Test
    void undefinedValuePlaceholderIsRejected() {
        assertThat(conditionError("id = :missing", VALUES)).hasMessage("Invalid ConditionExpression: An expression"
                + " attribute value used in expression is not defined; attribute value: :missing");
    }

    @Test
    void undefinedNamePlaceholderIsRejected() {
        assertThat(conditionError("#missing = :a", VALUES)).hasMessage("Invalid ConditionExpression: An expression"
                + " attribute name used in the document path is not defined; attribute name: #missing");
    }

    @Test
    void valueWithoutATypeIsRejected() {
        assertThat(conditionError("id = :empty", values("{':empty': {}}")).getMessage())
                .startsWith("ExpressionAttributeValues contains invalid value:")
                .endsWith("for key :empty");
    }

    @Test
    void unknownFunctionIsRejected() {
        assertThat(conditionError("exists(id)", VALUES))
                .hasMessage("Invalid ConditionExpression: Invalid function name; function: exists");
        assertThat(conditionError("id = lower(s)", VALUES))
                .hasMessage("Invalid ConditionExpression: Invalid function name; function: lower");
    }

    @Test
    void functionNamesAreCaseSensitive() {
        assertThat(conditionError("ATTRIBUTE_EXISTS(id)", VALUES))
                .hasMessage("Invalid ConditionExpression: Invalid function name; function: ATTRIBUTE_EXISTS");
    }

    @Test
    void conditionFunctionsAndUpdateFunctionsAreNotOperands() {
        assertThat(conditionError("id = begins_with(s, :a)", VALUES)).hasMessage("Invalid ConditionExpression:"
                + " The function is not allowed to be used this way in an expression; function: begins_with");
        assertThat(conditionError("id = if_not_exists(s, :a)", VALUES)).hasMessage("Invalid ConditionExpression:"
                + " The function is not allowed to be used this way in an expression; function: if_not_exists");
    }

    @Test
    void wrongNumberOfFunctionOperandsIsRejected() {
        assertThat(conditionError("attribute_exists(id, s)", VALUES)).hasMessage("Invalid ConditionExpression:"
                + " Incorrect number of operands for operator or function; operator or function: attribute_exists,"
                + " number of operands: 2");
        assertThat(conditionError("begins_with(s)", VALUES)).hasMessage("Invalid ConditionExpression:"
                + " Incorrect number of operands for operator or function; operator or function: begins_with,"
                + " number of operands: 1");
        assertThat(conditionError("size() = :2", VALUES).getMessage()).contains("function: size, number of operands: 0");
    }

    @Test
    void functionsNeedADocumentPathAsFirstOperand() {
        assertThat(conditionError("attribute_exists(:a)", VALUES)).hasMessage("Invalid ConditionExpression:"
                + " Operator or function requires a document path; operator or function: attribute_exists");
        assertThat(conditionError("size(:a) = :2", VALUES)).hasMessage("Invalid ConditionExpression:"
                + " Operator or function requires a document path; operator or function: size");
    }

    @Test
    void beginsWithRejectsAValueThatIsNeitherStringNorBinary() {
        assertThat(conditionError("begins_with(s, :2)", VALUES)).hasMessage("Invalid ConditionExpression:"
                + " Incorrect operand type for operator or function; operator or function: begins_with,"
                + " operand type: N");
    }

    @Test
    void attributeTypeRejectsAnUnknownTypeName() {
        assertThat(conditionError("attribute_type(id, :x)", VALUES).getMessage())
                .startsWith("Invalid ConditionExpression: Invalid attribute type name found; type: x");
        assertThat(conditionError("attribute_type(id, :2)", VALUES).getMessage())
                .contains("operator or function: attribute_type, operand type: N");
    }

    @Test
    void orderingRejectsValuesThatCannotBeOrdered() {
        assertThat(conditionError("t < :true", VALUES)).hasMessage("Invalid ConditionExpression:"
                + " Incorrect operand type for operator or function; operator or function: <, operand type: BOOL");
        assertThat(conditionError("l BETWEEN :a AND :kv", VALUES).getMessage())
                .contains("operator or function: BETWEEN, operand type: M");
    }

    @Test
    void equalityAcceptsValuesOfAnyType() {
        assertThat(holds("t = :true")).isTrue();
        assertThat(holds("l[2] = :kv")).isTrue();
    }

    @Test
    void betweenRejectsALowerBoundAboveTheUpperBound() {
        assertThat(conditionError("n BETWEEN :13 AND :10", VALUES)).hasMessage("Invalid ConditionExpression:"
                + " The BETWEEN operator requires upper bound to be greater than or equal to lower bound;"
                + " lower bound operand: AttributeValue: {N:13}, upper bound operand: AttributeValue: {N:10}");
    }

    @Test
    void inAcceptsAtMostOneHundredCandidates() {
        String candidates = String.join(", ", java.util.Collections.nCopies(101, ":a"));

        assertThat(conditionError("id IN (" + candidates + ")", VALUES).getMessage())
                .contains("operator or function: IN, number of operands: 101");
    }

    @Test
    void evaluationNeverChangesTheItem() {
        ObjectNode before = ITEM.deepCopy();

        holds("size(l) > :2 AND contains(ss, :red) OR attribute_exists(m.inner)");

        assertThat(ITEM).isEqualTo(before);
    }
}
