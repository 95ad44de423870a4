package io.github.dynamodbstream.emulator.internal.table;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Sort key order, as HowItWorks.CoreComponents (sort key) and the Query page of the developer guide describe it. */
class KeyValueTest {

    @Test
    void numbersSortNumericallyNotAsText() {
        assertThat(sorted("N", "10", "9", "-3", "2.5", "100")).containsExactly("-3", "2.5", "9", "10", "100");
    }

    @Test
    void numbersWrittenDifferentlyAreTheSameKey() {
        assertThat(value("N", "1.0")).isEqualTo(value("N", "1")).hasSameHashCodeAs(value("N", "1"));
    }

    @Test
    @DisplayName("strings sort by code point (UTF-8 byte order), so a supplementary character sorts after U+FFFD")
    void stringsSortByCodePoint() {
        String supplementary = new String(Character.toChars(0x1F600));
        String highBmp = "\uFFFD";
        assertThat(sorted("S", supplementary, highBmp, "b", "a", "ab")).containsExactly("a", "ab", "b", highBmp,
                supplementary);
    }

    @Test
    void binaryValuesSortAsUnsignedBytes() {
        String low = Base64.getEncoder().encodeToString(new byte[] {0x01});
        String high = Base64.getEncoder().encodeToString(new byte[] {(byte) 0xFF});
        String longer = Base64.getEncoder().encodeToString(new byte[] {0x01, 0x00});
        assertThat(sorted("B", high, longer, low)).containsExactly(low, longer, high);
    }

    private static List<String> sorted(String type, String... texts) {
        List<KeyValue> values = new ArrayList<>();
        for (String text : texts) {
            values.add(value(type, text));
        }
        values.sort(null);
        return values.stream().map(KeyValue::text).toList();
    }

    private static KeyValue value(String type, String text) {
        ObjectNode attribute = JsonNodeFactory.instance.objectNode().put(type, text);
        return KeyValue.of(type, attribute);
    }
}
