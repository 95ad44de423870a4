package io.github.dynamodbstream.emulator;

import java.time.Duration;
import java.util.Objects;

/**
 * A fault the emulator answers instead of (or before) serving a call. Inject one with
 * {@link DynamoDbEmulator#injectFault(String, Fault, int)}.
 */
public final class Fault {

    /** What the fault does. */
    public enum Kind {
        /** Answer the throttling error of the operation's service, as DynamoDB does under load. */
        THROTTLING,
        /** Answer HTTP 500 {@code InternalServerError}. */
        INTERNAL_ERROR,
        /** Wait, then serve the call normally. */
        DELAY
    }

    private static final Fault THROTTLING = new Fault(Kind.THROTTLING, Duration.ZERO);
    private static final Fault INTERNAL_ERROR = new Fault(Kind.INTERNAL_ERROR, Duration.ZERO);

    private final Kind kind;
    private final Duration delay;

    private Fault(Kind kind, Duration delay) {
        this.kind = kind;
        this.delay = delay;
    }

    /**
     * Throttling: {@code LimitExceededException} for DynamoDB Streams operations,
     * {@code ProvisionedThroughputExceededException} for table operations (HTTP 400).
     */
    public static Fault throttling() {
        return THROTTLING;
    }

    /** HTTP 500 with {@code InternalServerError}. */
    public static Fault internalError() {
        return INTERNAL_ERROR;
    }

    /** Waits this long (real time, outside the emulator's lock), then serves the call. */
    public static Fault delay(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("A delay cannot be negative, got " + delay);
        }
        return new Fault(Kind.DELAY, delay);
    }

    public Kind kind() {
        return kind;
    }

    /** How long a {@link Kind#DELAY} fault waits; zero for the other kinds. */
    public Duration delay() {
        return delay;
    }

    @Override
    public String toString() {
        return kind == Kind.DELAY ? "DELAY(" + delay + ")" : kind.name();
    }
}
