package io.github.dynamodbstream.emulator.internal;

import java.time.Duration;

/**
 * A status that DynamoDB passes through before it settles, such as a table's {@code CREATING} before
 * {@code ACTIVE} or a stream's {@code ENABLING} before {@code ENABLED}: the passing status holds until the
 * emulator's clock reaches the moment it settles.
 *
 * @param passing the status answered until {@code settlesAtMillis}
 * @param settled the status answered from then on
 * @param settlesAtMillis when, on the emulator's clock, the status settles
 */
public record StatusTransition(String passing, String settled, long settlesAtMillis) {

    /** A transition that starts now and settles after the delay (at once for a zero delay). */
    public static StatusTransition start(String passing, String settled, long nowMillis, Duration delay) {
        return new StatusTransition(passing, settled, nowMillis + delay.toMillis());
    }

    /** The status at a moment on the emulator's clock. */
    public String statusAt(long nowMillis) {
        return nowMillis < settlesAtMillis ? passing : settled;
    }
}
