package io.github.dynamodbstream.core.internal.delivery;

/**
 * How the delivery of one batch ended.
 *
 * @param outcome delivered, skipped or blocked
 * @param failure the last failure, {@code null} when delivered at the first attempt
 */
public record DeliveryResult(DeliveryOutcome outcome, Throwable failure) {

    static final DeliveryResult DELIVERED = new DeliveryResult(DeliveryOutcome.DELIVERED, null);
}
