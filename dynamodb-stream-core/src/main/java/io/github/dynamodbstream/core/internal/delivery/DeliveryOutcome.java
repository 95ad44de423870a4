package io.github.dynamodbstream.core.internal.delivery;

/** How the delivery of one batch ended. */
public enum DeliveryOutcome {

    /** The listener accepted the batch. */
    DELIVERED,

    /** The listener kept failing; the batch was handed to the failed-record handler and given up on. */
    SKIPPED,

    /** The listener kept failing (or the handler did, or the poller is stopping); the batch stays unacknowledged. */
    BLOCKED
}
