package io.github.dynamodbstream.spring.poller;

/** Where the reading of one stream stands. */
public enum StreamState {

    /** The listener container is not running: nothing is read. */
    STOPPED,

    /** The container runs, and the stream's first round has not ended yet. */
    STARTING,

    /** The last round ended without a failure of the round as a whole; some shards may be blocked. */
    RUNNING,

    /**
     * The last round failed as a whole (for example, the shards could not be listed after the retries): the next
     * round tries again.
     */
    FAILED,

    /**
     * The stream does not exist (wrong ARN, or its table was deleted), or it is disabled and no new changes will
     * arrive.
     */
    UNAVAILABLE
}
