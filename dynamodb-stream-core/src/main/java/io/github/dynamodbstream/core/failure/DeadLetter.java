package io.github.dynamodbstream.core.failure;

import io.github.dynamodbstream.core.record.ChangeRecord;
import java.time.Instant;
import java.util.Objects;

/**
 * A record the listener kept failing on, given up on and kept for later by a {@link DeadLetterStore}: the change
 * itself (keys, images, event name, shard, sequence number, stream) and why and when it was given up on. Replay it
 * by handing {@link #record()} to the code that failed, once that code is fixed.
 *
 * @param record the change, as the listener received it
 * @param consumerName the consumer that gave it up
 * @param failureClass the class name of the listener's last exception
 * @param failureMessage the message of the listener's last exception, or {@code null} when it had none
 * @param failedAt when the record was given up on
 */
public record DeadLetter(ChangeRecord record, String consumerName, String failureClass, String failureMessage,
        Instant failedAt) {

    public DeadLetter {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(consumerName, "consumerName");
        Objects.requireNonNull(failureClass, "failureClass");
        Objects.requireNonNull(failedAt, "failedAt");
    }

    /**
     * A dead letter for a record given up on now.
     *
     * @param record the change
     * @param consumerName the consumer that gives it up
     * @param failure the listener's last exception
     * @param now the time
     * @return the dead letter
     */
    public static DeadLetter of(ChangeRecord record, String consumerName, Throwable failure, Instant now) {
        return new DeadLetter(record, consumerName, failure.getClass().getName(), failure.getMessage(), now);
    }

    /** Names the record and the failure's class, never the item's contents. */
    @Override
    public String toString() {
        return "DeadLetter[" + record + " consumer=" + consumerName + " failure=" + failureClass + " at " + failedAt
                + "]";
    }
}
