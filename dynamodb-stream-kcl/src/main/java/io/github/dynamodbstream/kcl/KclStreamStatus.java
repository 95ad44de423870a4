package io.github.dynamodbstream.kcl;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One stream as this instance of the application reads it under Kinesis Client Library coordination.
 *
 * @param name the stream's name in the configuration
 * @param tableName the table whose stream it is
 * @param applicationName the KCL application name, which is also the name of the lease table
 * @param workerId this instance's identity in the lease table
 * @param state whether the scheduler runs
 * @param leases the shards whose lease this instance holds, sorted
 * @param recordsDelivered records the listeners accepted since the start
 * @param lastDelivery when the listeners last accepted records; {@code null} before the first delivery
 * @param lag the largest delay behind the newest record among the shards held
 */
public record KclStreamStatus(String name, String tableName, String applicationName, String workerId, State state,
        List<String> leases, long recordsDelivered, Instant lastDelivery, Duration lag) {

    /** Whether a stream's scheduler runs. */
    public enum State {
        /** The scheduler runs: it takes leases and processes their shards. */
        RUNNING,
        /**
         * The scheduler stopped although the application did not stop it: it failed to start (the lease table
         * could not be created or read, for instance) or ended on an error. Its log says why; the leases it held
         * move to other instances once they expire.
         */
        FAILED
    }
}
