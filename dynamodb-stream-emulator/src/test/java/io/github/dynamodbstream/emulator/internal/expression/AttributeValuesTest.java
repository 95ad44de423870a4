package io.github.dynamodbstream.emulator.internal.expression;

import static io.github.dynamodbstream.emulator.internal.expression.DynamoJson.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AttributeValuesTest {

    @Test
    void numbersAreEqualByValue() {
        assertThat(AttributeValues.equal(json("{N: '1.50'}"), json("{N: '1.5'}"))).isTrue();
        assertThat(AttributeValues.equal(json("{N: '1E2'}"), json("{N: '100'}"))).isTrue();
        assertThat(AttributeValues.equal(json("{N: '1'}"), json("{S: '1'}"))).isFalse();
    }

    @Test
    void setsAreEqualRegardlessOfOrder() {
        assertThat(AttributeValues.equal(json("{SS: ['a', 'b']}"), json("{SS: ['b', 'a']}"))).isTrue();
        assertThat(AttributeValues.equal(json("{NS: ['1', '2']}"), json("{NS: ['2.0', '1']}"))).isTrue();
        assertThat(AttributeValues.equal(json("{SS: ['a', 'b']}"), json("{SS: ['a', 'c']}"))).isFalse();
        assertThat(AttributeValues.equal(json("{SS: ['a']}"), json("{SS: ['a', 'b']}"))).isFalse();
    }

    @Test
    void mapsAreEqualByEntriesAndListsByPosition() {
        assertThat(AttributeValues.equal(json("{M: {a: {N: '1'}, b: {S: 'x'}}}"), json("{M: {b: {S: 'x'}, a: {N: '1.0'}}}")))
                .isTrue();
        assertThat(AttributeValues.equal(json("{M: {a: {N: '1'}}}"), json("{M: {b: {N: '1'}}}"))).isFalse();
        assertThat(AttributeValues.equal(json("{L: [{N: '1'}, {N: '2'}]}"), json("{L: [{N: '2'}, {N: '1'}]}"))).isFalse();
    }

    @Test
    void booleansAndNullsAreEqualByValue() {
        assertThat(AttributeValues.equal(json("{BOOL: true}"), json("{BOOL: true}"))).isTrue();
        assertThat(AttributeValues.equal(json("{BOOL: true}"), json("{BOOL: false}"))).isFalse();
        assertThat(AttributeValues.equal(json("{NULL: true}"), json("{NULL: true}"))).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"1E+1, 10", "0.000, 0", "-0.50, -0.5", "12.500, 12.5", "1000, 1000"})
    void computedNumbersAreWrittenWithoutExponentOrTrailingZeros(String number, String written) {
        assertThat(AttributeValues.numberValue(new BigDecimal(number))).isEqualTo(json("{N: '" + written + "'}"));
    }

    @Test
    void onlyNumbersStringsAndBinariesAreOrdered() {
        assertThat(AttributeValues.ordered(json("{N: '1'}"), json("{N: '2'}"))).isTrue();
        assertThat(AttributeValues.ordered(json("{B: 'AQ=='}"), json("{B: 'Ag=='}"))).isTrue();
        assertThat(AttributeValues.ordered(json("{N: '1'}"), json("{S: '2'}"))).isFalse();
        assertThat(AttributeValues.ordered(json("{BOOL: true}"), json("{BOOL: false}"))).isFalse();
    }

    @Test
    void unionKeepsExistingElementsFirstAndAddsOnlyNewOnes() {
        assertThat(AttributeValues.union(json("{NS: ['3', '1']}"), json("{NS: ['1.0', '2']}")))
                .isEqualTo(json("{NS: ['3', '1', '2']}"));
    }

    @Test
    void differenceMatchesBinaryElementsByBytes() {
        assertThat(AttributeValues.difference(json("{BS: ['AQ==', 'Ag==']}"), json("{BS: ['AQ==']}")))
                .isEqualTo(json("{BS: ['Ag==']}"));
    }

    @Test
    void validValuesHaveExactlyOneKnownType() {
        assertThat(AttributeValues.isValid(json("{S: 'a'}"))).isTrue();
        assertThat(AttributeValues.isValid(json("{}"))).isFalse();
        assertThat(AttributeValues.isValid(json("{X: 'a'}"))).isFalse();
        assertThat(AttributeValues.isValid(json("{S: 'a', N: '1'}"))).isFalse();
    }

    @Test
    void aMalformedNumberIsAValidationError() {
        assertThatThrownBy(() -> AttributeValues.compare(json("{N: 'abc'}"), json("{N: '1'}")))
                .hasMessage("A value provided cannot be converted into a number");
    }
}
