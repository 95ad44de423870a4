package io.github.dynamodbstream.core.internal.record;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Converts item images into plain, unmodifiable Java values. */
public final class PlainItemConverter {

    /** Digits of the integers that always fit a {@code long}. */
    private static final int MAX_LONG_DIGITS = 18;

    private PlainItemConverter() {
    }

    /**
     * Converts an image; attribute order is kept.
     *
     * @throws IllegalArgumentException naming the attribute, when a value has no type set
     */
    public static Map<String, Object> toPlainMap(Map<String, AttributeValue> image) {
        Map<String, Object> item = new LinkedHashMap<>();
        image.forEach((name, value) -> item.put(name, toPlain(name, value)));
        return Collections.unmodifiableMap(item);
    }

    private static Object toPlain(String path, AttributeValue value) {
        if (value == null) {
            throw new IllegalArgumentException("Attribute '" + path + "' has no value");
        }
        return switch (value.type()) {
            case S -> value.s();
            case N -> number(value.n());
            case B -> value.b().asByteArray();
            case BOOL -> value.bool();
            case NUL -> null;
            case SS -> Collections.unmodifiableSet(new LinkedHashSet<>(value.ss()));
            case NS -> Collections.unmodifiableSet(numberSet(value.ns()));
            case BS -> Collections.unmodifiableSet(binarySet(value.bs()));
            case L -> list(path, value.l());
            case M -> map(path, value.m());
            case UNKNOWN_TO_SDK_VERSION -> throw new IllegalArgumentException(
                    "Attribute '" + path + "' has no type set, or one this SDK version does not know");
        };
    }

    /**
     * A DynamoDB number as a {@code BigDecimal}, equal in value and scale to {@code new BigDecimal(number)}; an
     * integer of up to 18 digits is read without {@code BigDecimal}'s parser, which is the slower one.
     *
     * @throws NumberFormatException when it is no number
     */
    public static BigDecimal number(String number) {
        int length = number.length();
        int start = length > 0 && number.charAt(0) == '-' ? 1 : 0;
        if (length - start == 0 || length - start > MAX_LONG_DIGITS) {
            return new BigDecimal(number);
        }
        for (int i = start; i < length; i++) {
            char c = number.charAt(i);
            if (c < '0' || c > '9') {
                return new BigDecimal(number);
            }
        }
        return BigDecimal.valueOf(Long.parseLong(number));
    }

    private static Set<BigDecimal> numberSet(List<String> numbers) {
        Set<BigDecimal> set = new LinkedHashSet<>();
        numbers.forEach(number -> set.add(number(number)));
        return set;
    }

    private static Set<ByteBuffer> binarySet(List<SdkBytes> values) {
        Set<ByteBuffer> set = new LinkedHashSet<>();
        values.forEach(bytes -> set.add(ByteBuffer.wrap(bytes.asByteArray()).asReadOnlyBuffer()));
        return set;
    }

    private static List<Object> list(String path, List<AttributeValue> values) {
        List<Object> list = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            list.add(toPlain(path + "[" + i + "]", values.get(i)));
        }
        return Collections.unmodifiableList(list);
    }

    private static Map<String, Object> map(String path, Map<String, AttributeValue> values) {
        Map<String, Object> map = new LinkedHashMap<>();
        values.forEach((name, value) -> map.put(name, toPlain(path + "." + name, value)));
        return Collections.unmodifiableMap(map);
    }
}
