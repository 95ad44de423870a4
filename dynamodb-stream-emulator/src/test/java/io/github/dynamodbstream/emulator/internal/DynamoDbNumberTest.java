package io.github.dynamodbstream.emulator.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Numbers as the DynamoDB developer guide's "Supported data types" page (Number) describes them. */
class DynamoDbNumberTest {

    @ParameterizedTest(name = "{0} is held as {1}")
    @DisplayName("leading and trailing zeros are trimmed (HowItWorks.NamingRulesDataTypes, Number)")
    @CsvSource({
            "1.50, 1.5", "0100, 100", "1.0, 1", "-0.0, 0", "000, 0", "1E+3, 1000", "1.5e-3, 0.0015",
            "+7, 7", "-012.3400, -12.34", ".5, 0.5"})
    void trimsZerosToCanonicalText(String written, String held) {
        assertThat(DynamoDbNumber.parse(written).text()).isEqualTo(held);
    }

    @Test
    @DisplayName("numbers written differently are one number")
    void numbersWrittenDifferentlyAreEqual() {
        assertThat(DynamoDbNumber.parse("1.50")).isEqualTo(DynamoDbNumber.parse("1.5"))
                .hasSameHashCodeAs(DynamoDbNumber.parse("001.5"));
        assertThat(DynamoDbNumber.parse("2").compareTo(DynamoDbNumber.parse("10"))).isNegative();
    }

    @Test
    @DisplayName("38 significant digits are held; zeros around them do not count")
    void holdsThirtyEightSignificantDigits() {
        String digits = "1" + "2".repeat(36) + "3";
        assertThat(DynamoDbNumber.parse("000" + digits + "000").significantDigits()).isEqualTo(38);
        assertThat(DynamoDbNumber.parse("0.000" + digits).text()).isEqualTo("0.000" + digits);
    }

    @Test
    @DisplayName("39 significant digits are a ValidationException")
    void rejectsThirtyNineSignificantDigits() {
        assertThatThrownBy(() -> DynamoDbNumber.parse("1" + "0".repeat(37) + "1"))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.errorName()).isEqualTo("ValidationException"))
                .hasMessageContaining("more than 38 significant digits");
    }

    @ParameterizedTest(name = "{0}")
    @DisplayName("the magnitude range ends at 9.9999999999999999999999999999999999999E+125 and 1E-130")
    @ValueSource(strings = {"9.9999999999999999999999999999999999999E+125", "-9.9999999999999999999999999999999999999E+125",
            "1E-130", "-1E-130"})
    void holdsTheEndsOfTheRange(String number) {
        assertThat(DynamoDbNumber.parse(number).value()).isEqualByComparingTo(new BigDecimal(number));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @DisplayName("beyond the range is a ValidationException")
    @CsvSource({"1E+126, overflow", "-1E+126, overflow", "1E-131, underflow", "-9E-131, underflow"})
    void rejectsMagnitudesBeyondTheRange(String number, String what) {
        assertThatThrownBy(() -> DynamoDbNumber.parse(number))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("Number " + what);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @DisplayName("text that is not a number is a ValidationException")
    @ValueSource(strings = {"", "one", "1.2.3", " 1", "NaN", "0x10"})
    void rejectsTextThatIsNotANumber(String text) {
        assertThatThrownBy(() -> DynamoDbNumber.parse(text))
                .isInstanceOf(ApiException.class)
                .hasMessage("A value provided cannot be converted into a number");
    }

    @Test
    @DisplayName("a computed value is held under the same rules")
    void computedValueFollowsTheSameRules() {
        assertThat(DynamoDbNumber.of(new BigDecimal("2.50").add(BigDecimal.ONE)).text()).isEqualTo("3.5");
        assertThatThrownBy(() -> DynamoDbNumber.of(new BigDecimal("9E+125").multiply(BigDecimal.TEN)))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("Number overflow");
    }
}
