package io.github.dynamodbstream.emulator.internal.expression;

import static io.github.dynamodbstream.emulator.internal.expression.DynamoJson.context;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dynamodbstream.emulator.internal.ApiException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SubstitutionUsageTest {

    private static final ExpressionContext CONTEXT = context(
            Map.of("#a", "a", "#b", "b"), "{':x': {S: 'x'}, ':y': {N: '1'}}");

    @Test
    void substitutionsUsedAcrossTheRequestsExpressionsPass() {
        assertThatCode(() -> Expressions.requireAllSubstitutionsUsed(CONTEXT, "SET #a = :x", null, "#b > :y"))
                .doesNotThrowAnyException();
    }

    @Test
    void anUnusedValueIsRejected() {
        assertThatThrownBy(() -> Expressions.requireAllSubstitutionsUsed(CONTEXT, "SET #a = :x, #b = #a"))
                .isInstanceOf(ApiException.class)
                .hasMessage("Value provided in ExpressionAttributeValues unused in expressions: keys: {:y}");
    }

    @Test
    void allUnusedValuesAreListedInOrder() {
        assertThatThrownBy(() -> Expressions.requireAllSubstitutionsUsed(CONTEXT, "#a, #b"))
                .hasMessage("Value provided in ExpressionAttributeValues unused in expressions: keys: {:x, :y}");
    }

    @Test
    void anUnusedNameIsRejected() {
        assertThatThrownBy(() -> Expressions.requireAllSubstitutionsUsed(CONTEXT, "#a = :x AND :y = :y"))
                .hasMessage("Value provided in ExpressionAttributeNames unused in expressions: keys: {#b}");
    }

    @Test
    void aPlaceholderThatOnlyPrefixesAnotherDoesNotCount() {
        ExpressionContext context = context(Map.of(), "{':v': {S: 'x'}, ':v2': {S: 'y'}}");

        assertThatThrownBy(() -> Expressions.requireAllSubstitutionsUsed(context, "a = :v2"))
                .hasMessage("Value provided in ExpressionAttributeValues unused in expressions: keys: {:v}");
    }

    @Test
    void substitutionsWithoutAnyExpressionAreRejected() {
        assertThatThrownBy(() -> Expressions.requireAllSubstitutionsUsed(CONTEXT, null, null))
                .hasMessage("ExpressionAttributeNames can only be specified when using expressions");
        ExpressionContext valuesOnly = context(null, "{':x': {S: 'x'}}");
        assertThatThrownBy(() -> Expressions.requireAllSubstitutionsUsed(valuesOnly))
                .hasMessage("ExpressionAttributeValues can only be specified when using expressions");
    }

    @Test
    void noSubstitutionsAndNoExpressionsPass() {
        assertThatCode(() -> Expressions.requireAllSubstitutionsUsed(ExpressionContext.empty(), (String) null))
                .doesNotThrowAnyException();
    }
}
