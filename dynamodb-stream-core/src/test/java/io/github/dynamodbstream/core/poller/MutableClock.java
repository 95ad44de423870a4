package io.github.dynamodbstream.core.poller;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.Supplier;

/** A clock a test moves by hand, or one that follows another source of time (such as the emulator's clock). */
final class MutableClock extends Clock {

    private final Supplier<Instant> source;
    private volatile Duration offset = Duration.ZERO;

    MutableClock(Supplier<Instant> source) {
        this.source = source;
    }

    static MutableClock startingNow() {
        Instant start = Instant.now();
        return new MutableClock(() -> start);
    }

    void advance(Duration duration) {
        offset = offset.plus(duration);
    }

    @Override
    public Instant instant() {
        return source.get().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a test clock stays in UTC");
    }
}
