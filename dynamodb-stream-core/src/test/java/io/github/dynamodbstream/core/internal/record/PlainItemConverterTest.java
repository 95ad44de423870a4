package io.github.dynamodbstream.core.internal.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlainItemConverterTest {

    @ParameterizedTest
    @ValueSource(strings = {"0", "-0", "7", "-12", "007", "123456789012345678", "-123456789012345678",
            "1234567890123456789", "99999999999999999999999999999999999999", "12.30", "-0.5", "1E+3", "+5"})
    void aNumberIsTheBigDecimalOfItsTextInValueAndScale(String number) {
        BigDecimal read = PlainItemConverter.number(number);

        assertThat(read).isEqualTo(new BigDecimal(number));
        assertThat(read.scale()).isEqualTo(new BigDecimal(number).scale());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-", "12a", "1.2.3"})
    void aTextThatIsNoNumberIsRefused(String text) {
        assertThatThrownBy(() -> PlainItemConverter.number(text)).isInstanceOf(NumberFormatException.class);
    }
}
