package io.github.dynamodbstream.emulator.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** The emulator's time: a base clock plus an offset that tests move forward. */
public final class EmulatorClock {

    private final Clock base;
    private final AtomicLong offsetMillis = new AtomicLong();

    public EmulatorClock(Clock base) {
        this.base = base;
    }

    public Instant now() {
        return base.instant().plusMillis(offsetMillis.get());
    }

    public void advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("The emulator's clock only moves forward, got " + duration);
        }
        offsetMillis.addAndGet(duration.toMillis());
    }
}
