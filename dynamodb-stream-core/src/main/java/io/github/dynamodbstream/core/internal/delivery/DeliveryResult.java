package io.github.dynamodbstream.core.internal.delivery;

import io.github.dynamodbstream.core.record.ChangeType;

/**
 * How the delivery of one batch ended.
 *
 * @param acknowledged how many records, from the start of the batch, are acknowledged: delivered, filtered out or
 *        given up on; the whole batch unless {@code blocked}
 * @param delivered records the listener accepted, indexed by {@link ChangeType} ordinal
 * @param skipped records given up on
 * @param filtered records acknowledged without delivery because the filter left them out
 * @param blocked whether delivery stopped at record {@code acknowledged}, which stays unacknowledged with every
 *        record after it: its attempts were spent under {@code BLOCK}, it could not be given up on, or the poller
 *        is stopping
 * @param failure the last failure, {@code null} when there was none
 */
public record DeliveryResult(int acknowledged, int[] delivered, int skipped, int filtered, boolean blocked,
        Throwable failure) {
}
