package io.github.dynamodbstream.core.replica;

/** Where a {@link DynamoDbTableReplica} is in its life. */
public enum ReplicaState {

    /** Built; neither {@code start()} nor {@code attach()} was called yet. */
    NEW,

    /** Waiting for a first round that positions the reader in every shard (the bookmark). */
    BOOKMARKING,

    /** Scanning the table while the stream is applied. Reads are allowed but the copy may be incomplete. */
    SCANNING,

    /** The scan is done; waiting for a round that reads every shard to its tip. */
    CATCHING_UP,

    /** The copy holds every item of the table, and follows its stream. */
    READY,

    /** The replica stopped on a problem it cannot get past; see {@link DynamoDbTableReplica#failure()}. */
    FAILED,

    /** Closed: the copy no longer changes. */
    CLOSED
}
