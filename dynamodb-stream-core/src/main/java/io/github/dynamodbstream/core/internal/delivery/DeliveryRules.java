package io.github.dynamodbstream.core.internal.delivery;

import io.github.dynamodbstream.core.failure.DeadLetterStore;
import io.github.dynamodbstream.core.failure.FailedRecordHandler;
import io.github.dynamodbstream.core.failure.ListenerFailureMode;
import io.github.dynamodbstream.core.failure.RetryBackoff;
import io.github.dynamodbstream.core.record.ChangeRecord;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * What {@link DeliveryPolicy} does with the records of a stream: which it delivers, how often it retries a failing
 * one, and what it does once the retries are spent.
 *
 * @param retry attempts per round on a failing record, and the backoff between them
 * @param failureMode what happens to a record once its attempts are spent
 * @param maxRecordAge a failing record older than this is given up on even under {@code BLOCK}; {@code null}: never
 * @param filter the records delivered; the others are acknowledged without delivery
 * @param failedRecordHandler told of every record given up on
 * @param deadLetters where {@code DEAD_LETTER} writes records given up on; {@code null} in the other modes
 * @param consumerName the consumer, named in dead letters
 */
public record DeliveryRules(
        RetryBackoff retry,
        ListenerFailureMode failureMode,
        Duration maxRecordAge,
        Predicate<ChangeRecord> filter,
        FailedRecordHandler failedRecordHandler,
        DeadLetterStore deadLetters,
        String consumerName) {

    public DeliveryRules {
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(failureMode, "failureMode");
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(failedRecordHandler, "failedRecordHandler");
        Objects.requireNonNull(consumerName, "consumerName");
        if (failureMode == ListenerFailureMode.DEAD_LETTER && deadLetters == null) {
            throw new IllegalStateException("The listener failure mode DEAD_LETTER needs a DeadLetterStore: set one "
                    + "(for example DynamoDbDeadLetterStore), or choose SKIP or BLOCK");
        }
        if (maxRecordAge != null && (maxRecordAge.isNegative() || maxRecordAge.isZero())) {
            throw new IllegalArgumentException("maxRecordAge must be more than zero, got " + maxRecordAge);
        }
    }
}
