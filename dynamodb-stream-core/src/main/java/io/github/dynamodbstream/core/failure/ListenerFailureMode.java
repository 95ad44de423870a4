package io.github.dynamodbstream.core.failure;

import io.github.dynamodbstream.core.PollResult;

/**
 * What a poller does with a record its listener keeps failing on, once the retries are spent. In every mode the
 * records before it are acknowledged, and the records after it wait until it is delivered or given up on, so the
 * changes of one item stay in order.
 */
public enum ListenerFailureMode {

    /**
     * Give the record up: hand it to the {@link FailedRecordHandler} (by default an ERROR log line with its keys and
     * sequence number), count it in {@link PollResult#recordsSkipped()}, and go on with the next record. A handler
     * that throws keeps the shard at the record, as {@link #BLOCK} does.
     */
    SKIP,

    /**
     * Keep the shard at the record: the round reports the shard as failed, and the next round delivers the record
     * again, until the listener accepts it (or it is older than the poller's maximum record age, when one is set:
     * then it is given up on as with {@link #SKIP}). Nothing is given up on otherwise; the shard makes no progress
     * meanwhile. Other shards continue.
     */
    BLOCK,

    /**
     * Write the record to the poller's {@link DeadLetterStore}, then give it up as {@link #SKIP} does. A dead letter
     * that cannot be written keeps the shard at the record, as {@link #BLOCK} does: nothing is dropped.
     */
    DEAD_LETTER
}
