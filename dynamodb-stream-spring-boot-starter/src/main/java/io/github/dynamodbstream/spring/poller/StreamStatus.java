package io.github.dynamodbstream.spring.poller;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * A snapshot of how the reading of one stream goes, for health checks and the {@code dynamodbstreams} endpoint.
 *
 * @param name the stream's name in the configuration
 * @param tableName the table whose changes the stream carries
 * @param state where the reading stands
 * @param activeShards the shards being read: found and not yet read to their end
 * @param blockedShards shards that failed in the last round and stay where they are (for example, because a listener
 *        keeps throwing with {@code on-failure: block}), with the reason
 * @param lastSuccessfulPoll when the last round without any failure ended, or {@code null} when none has
 * @param lag how far behind the stream the consumer is: when the last round was caught up, the age the newest
 *        record it delivered had at delivery (zero when it delivered none); otherwise now minus the creation time
 *        of the newest record delivered so far (zero when none was)
 * @param recordsDelivered records the listeners accepted since the container started
 * @param problem why the stream is {@link StreamState#FAILED} or {@link StreamState#UNAVAILABLE}, or {@code null}
 */
public record StreamStatus(
        String name,
        String tableName,
        StreamState state,
        Set<String> activeShards,
        Map<String, String> blockedShards,
        Instant lastSuccessfulPoll,
        Duration lag,
        long recordsDelivered,
        String problem) {

    public StreamStatus {
        activeShards = Set.copyOf(activeShards);
        blockedShards = Map.copyOf(blockedShards);
    }
}
