package io.github.dynamodbstream.core.failure;

import io.github.dynamodbstream.core.record.ChangeRecord;
import java.util.List;

/**
 * Receives a batch of records the listener failed on after every retry, when the poller runs with
 * {@link ListenerFailureMode#SKIP}: a place to send them to a dead-letter table or queue. Returning normally means
 * the records are given up on and the shard's checkpoint moves past them; throwing keeps the shard where it is, and
 * the next round tries again.
 */
@FunctionalInterface
public interface FailedRecordHandler {

    /**
     * Handles records that could not be delivered.
     *
     * @param records the batch, in sequence-number order, all of one shard
     * @param failure the listener's last exception
     */
    void handle(List<ChangeRecord> records, Throwable failure);
}
