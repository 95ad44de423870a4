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
        DELAY,
        /** Answer HTTP 200 with a body that is not JSON, without serving the call, as a misconfigured proxy does. */
        NOT_JSON,
        /** Serve the call, then answer HTTP 200 with only the first half of its JSON body. */
        TRUNCATED_JSON,
        /** GetRecords only: the first record of the next page with records gets an unknown {@code eventName}. */
        UNKNOWN_EVENT_NAME,
        /** GetRecords only: the first record of the next page with records loses {@code NewImage} and
         * {@code OldImage}, although its {@code StreamViewType} includes them. */
        RECORD_WITHOUT_IMAGES,
        /** GetRecords only: the first record of the next page with records loses its whole {@code dynamodb} part
         * (keys, images, sequence number). */
        RECORD_WITHOUT_DYNAMODB_PART
    }

    /** The {@code eventName} an {@link Kind#UNKNOWN_EVENT_NAME} fault writes into the record. */
    public static final String UNKNOWN_EVENT_NAME = "UPSERT";

    private static final Fault THROTTLING = new Fault(Kind.THROTTLING, Duration.ZERO);
    private static final Fault INTERNAL_ERROR = new Fault(Kind.INTERNAL_ERROR, Duration.ZERO);
    private static final Fault NOT_JSON = new Fault(Kind.NOT_JSON, Duration.ZERO);
    private static final Fault TRUNCATED_JSON = new Fault(Kind.TRUNCATED_JSON, Duration.ZERO);
    private static final Fault UNKNOWN_EVENT = new Fault(Kind.UNKNOWN_EVENT_NAME, Duration.ZERO);
    private static final Fault WITHOUT_IMAGES = new Fault(Kind.RECORD_WITHOUT_IMAGES, Duration.ZERO);
    private static final Fault WITHOUT_DYNAMODB_PART = new Fault(Kind.RECORD_WITHOUT_DYNAMODB_PART, Duration.ZERO);

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

    /**
     * HTTP 200 with an HTML page instead of JSON; the call is not served (a write does not happen), as when a proxy
     * or load balancer answers in the service's place.
     */
    public static Fault notJson() {
        return NOT_JSON;
    }

    /**
     * Serves the call (a write does happen), then answers HTTP 200 with the first half of the JSON body, as when a
     * connection is cut mid-answer.
     */
    public static Fault truncatedJson() {
        return TRUNCATED_JSON;
    }

    /**
     * For {@code GetRecords} only: the first record of the next answer that has records carries the
     * {@code eventName} {@value #UNKNOWN_EVENT_NAME}. Answers without records do not use the fault up. Only that
     * answer is damaged: reading the record again returns it intact.
     */
    public static Fault unknownEventName() {
        return UNKNOWN_EVENT;
    }

    /**
     * For {@code GetRecords} only: the first record of the next answer that has records comes without
     * {@code NewImage} and {@code OldImage}, although its {@code StreamViewType} says they are there. Answers
     * without records do not use the fault up; reading the record again returns it intact.
     */
    public static Fault recordWithoutImages() {
        return WITHOUT_IMAGES;
    }

    /**
     * For {@code GetRecords} only: the first record of the next answer that has records comes without its
     * {@code dynamodb} part (no keys, images nor sequence number). Answers without records do not use the fault
     * up; reading the record again returns it intact.
     */
    public static Fault recordWithoutDynamoDbPart() {
        return WITHOUT_DYNAMODB_PART;
    }

    /** Whether the fault damages a record of a {@code GetRecords} answer rather than the whole call. */
    public boolean damagesRecord() {
        return kind == Kind.UNKNOWN_EVENT_NAME || kind == Kind.RECORD_WITHOUT_IMAGES
                || kind == Kind.RECORD_WITHOUT_DYNAMODB_PART;
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
