package io.github.dynamodbstream.core;

/**
 * Where a consumer starts reading the shards that are open when it starts for the first time (it has no
 * checkpoint at all). A shard that appears later, or that has no checkpoint in a consumer that already has some,
 * is always read from {@link #TRIM_HORIZON}, so that its first records are never lost.
 */
public enum StartingPosition {

    /** Only changes made after the consumer starts: shards closed at start are skipped, open ones start at their tip. */
    LATEST,

    /** Every change the stream still holds (up to 24 hours): every shard is read from its oldest record, parents first. */
    TRIM_HORIZON
}
