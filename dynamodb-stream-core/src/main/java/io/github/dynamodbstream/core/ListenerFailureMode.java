package io.github.dynamodbstream.core;

/** What a poller does with a batch of records its listener keeps failing on, after the retries are spent. */
public enum ListenerFailureMode {

    /**
     * Hand the batch to the {@link FailedRecordHandler} (by default: an ERROR log line per record with its keys and
     * sequence number), count it in {@link PollResult#recordsSkipped()}, and move on. Records are given up on.
     */
    SKIP,

    /**
     * Keep the shard where it is: the round reports the shard as failed, and the next round delivers the same batch
     * again, until the listener accepts it. Nothing is given up on; the shard makes no progress meanwhile. Other
     * shards continue.
     */
    BLOCK
}
