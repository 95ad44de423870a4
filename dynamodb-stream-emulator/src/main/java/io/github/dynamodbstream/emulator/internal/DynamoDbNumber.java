package io.github.dynamodbstream.emulator.internal;

import java.math.BigDecimal;

/**
 * A number as DynamoDB holds it: at most 38 significant digits, zero or a magnitude from 1E-130 to
 * 9.9999999999999999999999999999999999999E+125, leading and trailing zeros trimmed. Two numbers that differ
 * only in how they were written ({@code 1.50} and {@code 1.5}) are the same number with the same text.
 */
public final class DynamoDbNumber implements Comparable<DynamoDbNumber> {

    /** DynamoDB's precision limit. */
    public static final int MAX_SIGNIFICANT_DIGITS = 38;

    private static final BigDecimal LARGEST = new BigDecimal("9.9999999999999999999999999999999999999E+125");
    private static final BigDecimal SMALLEST = new BigDecimal("1E-130");

    private final BigDecimal value;
    private final String text;

    private DynamoDbNumber(BigDecimal value) {
        this.value = value;
        this.text = value.signum() == 0 ? "0" : value.toPlainString();
    }

    /** Parses the text of an {@code N} value, rejecting what DynamoDB rejects with a ValidationException. */
    public static DynamoDbNumber parse(String text) {
        try {
            return of(new BigDecimal(text));
        } catch (NumberFormatException e) {
            throw ApiException.validation("A value provided cannot be converted into a number");
        }
    }

    /** The number of a computed value (arithmetic in an update), rejected when DynamoDB cannot hold it. */
    public static DynamoDbNumber of(BigDecimal number) {
        BigDecimal trimmed = number.signum() == 0 ? BigDecimal.ZERO : number.stripTrailingZeros();
        if (trimmed.precision() > MAX_SIGNIFICANT_DIGITS) {
            throw ApiException.validation("Attempting to store more than 38 significant digits in a Number");
        }
        BigDecimal magnitude = trimmed.abs();
        if (magnitude.compareTo(LARGEST) > 0) {
            throw ApiException.validation(
                    "Number overflow. Attempting to store a number with magnitude larger than supported range");
        }
        if (trimmed.signum() != 0 && magnitude.compareTo(SMALLEST) < 0) {
            throw ApiException.validation(
                    "Number underflow. Attempting to store a number with magnitude smaller than supported range");
        }
        return new DynamoDbNumber(trimmed);
    }

    /** The canonical text of an {@code N} value; equal numbers have equal text. */
    public static String canonical(String text) {
        return parse(text).text();
    }

    public BigDecimal value() {
        return value;
    }

    /** The canonical text: plain notation, no leading or trailing zeros, {@code 0} for zero. */
    public String text() {
        return text;
    }

    /** The digits DynamoDB stores: those between the first and the last digit that is not zero. */
    public int significantDigits() {
        return significantDigits(text);
    }

    /**
     * The significant digits of the text of a valid {@code N} value, counted on the text itself, without parsing
     * it: the digits of the mantissa between the first and the last that is not zero; 1 for zero.
     */
    public static int significantDigits(String text) {
        int first = -1;
        int last = -1;
        int position = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 'e' || c == 'E') {
                break;
            }
            if (c >= '0' && c <= '9') {
                if (c != '0') {
                    if (first < 0) {
                        first = position;
                    }
                    last = position;
                }
                position++;
            }
        }
        return first < 0 ? 1 : last - first + 1;
    }

    @Override
    public int compareTo(DynamoDbNumber other) {
        return value.compareTo(other.value);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DynamoDbNumber number && text.equals(number.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
