package io.github.dynamodbstream.emulator.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Item sizes as the DynamoDB developer guide's "Item sizes and formats" page (CapacityUnitCalculations) counts them. */
class ItemSizeTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    @DisplayName("a string counts the UTF-8 bytes of the name and the value")
    void stringCountsUtf8Bytes() {
        assertThat(ItemSize.of(json("{\"id\": {\"S\": \"abc\"}, \"é\": {\"S\": \"€\"}}"))).isEqualTo(2 + 3 + 2 + 3);
    }

    @ParameterizedTest(name = "{0}: {1} bytes")
    @DisplayName("a number counts one byte per two significant digits plus one; zeros around them do not count")
    @CsvSource({"1, 2", "12, 2", "123, 3", "100, 2", "1.50, 2", "0.0015, 2", "-12345, 4", "0, 2",
            "12345678901234567890123456789012345678, 20"})
    void numberCountsSignificantDigits(String number, int valueBytes) {
        assertThat(ItemSize.of(json("{\"n\": {\"N\": \"" + number + "\"}}"))).isEqualTo(1 + valueBytes);
    }

    @Test
    @DisplayName("a binary counts its raw bytes, not its Base64 text")
    void binaryCountsRawBytes() {
        assertThat(ItemSize.of(json("{\"b\": {\"B\": \"AAECAwQ=\"}}"))).isEqualTo(1 + 5);
    }

    @Test
    @DisplayName("Boolean and null count one byte each")
    void booleanAndNullCountOneByte() {
        assertThat(ItemSize.of(json("{\"t\": {\"BOOL\": true}, \"z\": {\"NULL\": true}}"))).isEqualTo(1 + 1 + 1 + 1);
    }

    @Test
    @DisplayName("a set counts the sum of its elements")
    void setCountsItsElements() {
        assertThat(ItemSize.of(json("{\"s\": {\"SS\": [\"ab\", \"c\"]}, \"n\": {\"NS\": [\"100\", \"1234\"]}}")))
                .isEqualTo(1 + 3 + 1 + 2 + 3);
    }

    @Test
    @DisplayName("a list or a map counts 3 bytes, one per element, its elements and, in a map, their names")
    void documentsCountOverheadPerElement() {
        assertThat(ItemSize.of(json("{\"l\": {\"L\": [{\"S\": \"ab\"}, {\"BOOL\": false}]}}")))
                .isEqualTo(1 + 3 + (1 + 2) + (1 + 1));
        assertThat(ItemSize.of(json("{\"m\": {\"M\": {\"k\": {\"S\": \"ab\"}, \"n\": {\"N\": \"7\"}}}}")))
                .isEqualTo(1 + 3 + (1 + 1 + 2) + (1 + 1 + 2));
    }

    @Test
    @DisplayName("no attributes count nothing")
    void noAttributesCountNothing() {
        assertThat(ItemSize.of(null)).isZero();
        assertThat(ItemSize.of(json("{}"))).isZero();
    }

    private static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
