package io.github.dynamodbstream.spring.container;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * A snapshot of how the reading of one stream goes, the same in every coordination mode: for the health indicator,
 * the {@code dynamodbstreams} endpoint and the meters.
 *
 * @param name the stream's name in the configuration
 * @param tableName the table whose changes the stream carries
 * @param state where the reading stands
 * @param activeShards the shards this instance reads now: under {@code coordination: none}, those found and not yet
 *        read to their end; under {@code kcl}, those whose lease this instance holds
 * @param blockedShards shards that stay where they are because a listener keeps failing on a record (with
 *        {@code on-failure: block}) or, under {@code coordination: none}, because their last read failed, with the
 *        reason
 * @param lastSuccessfulPoll when the last round without any failure ended, or {@code null} when none has; under
 *        {@code kcl}, which has no rounds, always {@code null}
 * @param lastDelivery when the listeners last accepted records, or {@code null} before the first delivery
 * @param lag how far behind the stream this instance is. Under {@code coordination: none}: when the last round was
 *        caught up, the age the newest record it delivered had at delivery (zero when it delivered none); otherwise
 *        now minus the creation time of the newest record delivered so far (zero when none was). Under {@code kcl}:
 *        the largest delay behind the newest record among the shards this instance holds
 * @param recordsDelivered records the listeners accepted since the container started
 * @param problem why the stream is {@link StreamState#FAILED} or {@link StreamState#UNAVAILABLE}, or {@code null}
 * @param coordination what only the coordination mode knows, by name: under {@code kcl}, {@code applicationName}
 *        (the lease table's name) and {@code workerId} (this instance in the lease table) while running; empty under
 *        {@code coordination: none}
 */
public record StreamStatus(
        String name,
        String tableName,
        StreamState state,
        Set<String> activeShards,
        Map<String, String> blockedShards,
        Instant lastSuccessfulPoll,
        Instant lastDelivery,
        Duration lag,
        long recordsDelivered,
        String problem,
        Map<String, String> coordination) {

    public StreamStatus {
        activeShards = Set.copyOf(activeShards);
        blockedShards = Map.copyOf(blockedShards);
        coordination = Map.copyOf(coordination);
    }
}
