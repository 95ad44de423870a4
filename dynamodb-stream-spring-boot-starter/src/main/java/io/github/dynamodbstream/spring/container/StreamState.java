package io.github.dynamodbstream.spring.container;

/** Where the reading of one stream stands, in every coordination mode. */
public enum StreamState {

    /** The listener container is not running: nothing is read. */
    STOPPED,

    /** The container runs, and the stream's first round has not ended yet ({@code coordination: none} only). */
    STARTING,

    /**
     * The stream is read: under {@code coordination: none}, the last round ended without a failure of the round as
     * a whole; under {@code kcl}, the stream's scheduler runs. Some shards may be blocked.
     */
    RUNNING,

    /**
     * Reading failed as a whole: under {@code coordination: none}, the last round failed (for example, the shards
     * could not be listed after the retries) and the next round tries again; under {@code kcl}, the stream's
     * scheduler failed to start or ended on an error, and the leases it held move to other instances once they
     * expire.
     */
    FAILED,

    /**
     * The stream does not exist (wrong ARN, or its table was deleted), or it is disabled and no new changes will
     * arrive.
     */
    UNAVAILABLE
}
