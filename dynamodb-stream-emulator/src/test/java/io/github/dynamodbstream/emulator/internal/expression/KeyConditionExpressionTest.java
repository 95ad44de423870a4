package io.github.dynamodbstream.emulator.internal.expression;

import static io.github.dynamodbstream.emulator.internal.expression.DynamoJson.context;
import static io.github.dynamodbstream.emulator.internal.expression.DynamoJson.json;
import static io.github.dynamodbstream.emulator.internal.expression.DynamoJson.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class KeyConditionExpressionTest {

    private static final ExpressionContext VALUES = values("""
            {':pk': {S: 'user#1'}, ':b': {S: 'b'}, ':d': {S: 'd'}, ':pre': {S: 'order#'}, ':5': {N: '5'}}
            """);

    private static KeyCondition parse(String expression) {
        return Expressions.keyCondition(expression, VALUES, "pk", "sk");
    }

    private static JsonNode string(String value) {
        return json("{S: '" + value + "'}");
    }

    @Test
    void partitionKeyEqualityAloneHasNoSortKeyCondition() {
        KeyCondition condition = parse("pk = :pk");

        assertThat(condition.partitionKeyValue()).isEqualTo(string("user#1"));
        assertThat(condition.sortKeyCondition()).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "sk = :b|b|true", "sk = :b|c|false",
        "sk < :b|a|true", "sk < :b|b|false",
        "sk <= :b|b|true", "sk <= :b|c|false",
        "sk > :b|c|true", "sk > :b|b|false",
        "sk >= :b|b|true", "sk >= :b|a|false",
        "sk BETWEEN :b AND :d|b|true", "sk BETWEEN :b AND :d|d|true", "sk BETWEEN :b AND :d|e|false",
        "begins_with(sk, :pre)|order#42|true", "begins_with(sk, :pre)|invoice#1|false"})
    void sortKeyConditionTestsTheSortKeyValue(String sortKeyCondition, String sortKey, boolean expected) {
        KeyCondition condition = parse("pk = :pk AND " + sortKeyCondition);

        assertThat(condition.partitionKeyValue()).isEqualTo(string("user#1"));
        assertThat(condition.sortKeyCondition().test(string(sortKey))).isEqualTo(expected);
    }

    @Test
    void conditionsMayComeInAnyOrderAndInParentheses() {
        KeyCondition condition = parse("(sk > :b) AND (pk = :pk)");

        assertThat(condition.partitionKeyValue()).isEqualTo(string("user#1"));
        assertThat(condition.sortKeyCondition().test(string("c"))).isTrue();
    }

    @Test
    void aValueOnTheLeftMirrorsTheComparison() {
        KeyCondition condition = parse(":pk = pk AND :b < sk");

        assertThat(condition.partitionKeyValue()).isEqualTo(string("user#1"));
        assertThat(condition.sortKeyCondition().test(string("c"))).isTrue();
        assertThat(condition.sortKeyCondition().test(string("a"))).isFalse();
    }

    @Test
    void numericSortKeysCompareByValue() {
        KeyCondition condition = parse("pk = :pk AND sk > :5");

        assertThat(condition.sortKeyCondition().test(json("{N: '10'}"))).isTrue();
        assertThat(condition.sortKeyCondition().test(json("{N: '4.99'}"))).isFalse();
        assertThat(condition.sortKeyCondition().test(string("10"))).as("a string is not a number").isFalse();
    }

    @Test
    void keyNamesMayBePlaceholders() {
        ExpressionContext context = context(Map.of("#p", "pk", "#s", "sk"), "{':pk': {S: 'u'}, ':b': {S: 'b'}}");

        KeyCondition condition = Expressions.keyCondition("#p = :pk AND #s >= :b", context, "pk", "sk");

        assertThat(condition.partitionKeyValue()).isEqualTo(string("u"));
        assertThat(condition.sortKeyCondition().test(string("b"))).isTrue();
    }

    @Test
    void missingPartitionKeyConditionIsRejected() {
        assertThatThrownBy(() -> parse("sk = :b")).hasMessage("Query condition missed key schema element: pk");
    }

    @Test
    void partitionKeyConditionMustBeEquality() {
        assertThatThrownBy(() -> parse("pk > :pk")).hasMessage("Query key condition not supported");
        assertThatThrownBy(() -> parse("begins_with(pk, :pre)")).hasMessage("Query key condition not supported");
        assertThatThrownBy(() -> parse("pk BETWEEN :b AND :d")).hasMessage("Query key condition not supported");
    }

    @Test
    void nonKeyAttributeIsRejected() {
        assertThatThrownBy(() -> parse("pk = :pk AND other = :b"))
                .hasMessage("Query condition missed key schema element: sk");
        assertThatThrownBy(() -> Expressions.keyCondition("pk = :pk AND sk = :b", VALUES, "pk", null))
                .hasMessage("Query key condition not supported");
    }

    @Test
    void nestedPathsAreNotKeys() {
        assertThatThrownBy(() -> parse("pk = :pk AND sk.part = :b")).hasMessage("Query key condition not supported");
    }

    @Test
    void comparingTwoAttributesOrTwoValuesIsNotSupported() {
        assertThatThrownBy(() -> parse("pk = sk")).hasMessage("Query key condition not supported");
        assertThatThrownBy(() -> parse("pk = :pk AND :b = :d")).hasMessage("Query key condition not supported");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "pk = :pk OR sk = :b|OR", "NOT pk = :pk|NOT", "pk IN (:pk)|IN", "pk = :pk AND sk <> :b|<>",
        "pk = :pk AND attribute_exists(sk)|attribute_exists", "pk = :pk AND contains(sk, :b)|contains"})
    void operatorsOutsideTheKeyConditionGrammarAreRejected(String expression, String operator) {
        assertThatThrownBy(() -> parse(expression))
                .hasMessage("Invalid operator used in KeyConditionExpression: " + operator);
    }

    @Test
    void aKeyMayHaveOnlyOneCondition() {
        assertThatThrownBy(() -> parse("pk = :pk AND sk > :b AND sk < :d"))
                .hasMessage("Conditions can be of length 1 or 2 only");
        assertThatThrownBy(() -> parse("pk = :pk AND pk = :pk"))
                .hasMessage("KeyConditionExpressions must only contain one condition per key");
        assertThatThrownBy(() -> parse("sk > :b AND sk < :d"))
                .hasMessage("KeyConditionExpressions must only contain one condition per key");
    }

    @ParameterizedTest
    @ValueSource(strings = {"pk = ", "pk = :pk AND", "pk :pk"})
    void malformedKeyConditionsAreSyntaxErrors(String expression) {
        assertThatThrownBy(() -> parse(expression))
                .hasMessageStartingWith("Invalid KeyConditionExpression: Syntax error; token: ");
    }

    @Test
    void undefinedValueIsRejected() {
        assertThatThrownBy(() -> parse("pk = :nope")).hasMessage("Invalid KeyConditionExpression: An expression"
                + " attribute value used in expression is not defined; attribute value: :nope");
    }
}
