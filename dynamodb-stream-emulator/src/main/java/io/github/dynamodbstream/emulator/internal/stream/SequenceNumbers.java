package io.github.dynamodbstream.emulator.internal.stream;

import io.github.dynamodbstream.emulator.internal.ApiException;

import java.math.BigInteger;

/**
 * Sequence numbers on the wire: 21-digit numeric strings, a leading 1 and the counter padded to 20 digits, so
 * that string order and numeric order agree.
 */
final class SequenceNumbers {

    private static final BigInteger OFFSET = BigInteger.TEN.pow(20);
    private static final BigInteger MAX = OFFSET.add(BigInteger.valueOf(Long.MAX_VALUE));

    private SequenceNumbers() {
    }

    static String format(long counter) {
        String digits = Long.toString(counter);
        StringBuilder text = new StringBuilder(21).append('1');
        for (int i = digits.length(); i < 20; i++) {
            text.append('0');
        }
        return text.append(digits).toString();
    }

    /**
     * Parses a sequence number given by a client.
     *
     * @return the counter value, or -1 when the number is numeric but cannot belong to this emulator
     * @throws ApiException ValidationException when the text is not a number
     */
    static long parse(String text) {
        if (text.isEmpty() || text.length() > 40 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw ApiException.validation("Invalid SequenceNumber '" + text
                    + "': a sequence number is a numeric string as returned in a stream record's SequenceNumber");
        }
        BigInteger value = new BigInteger(text);
        if (value.compareTo(OFFSET) < 0 || value.compareTo(MAX) > 0) {
            return -1;
        }
        return value.subtract(OFFSET).longValueExact();
    }
}
