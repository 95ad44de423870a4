package io.github.dynamodbstream.spring.health;

import io.github.dynamodbstream.spring.poller.DynamoDbStreamListenerContainer;
import io.github.dynamodbstream.spring.poller.StreamState;
import io.github.dynamodbstream.spring.poller.StreamStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * Health of the DynamoDB stream consumers, named {@code dynamodbStream}: {@code DOWN} when a stream is
 * {@link StreamState#FAILED} (its last round failed) or {@link StreamState#UNAVAILABLE} (it does not exist, or is
 * disabled); {@code UNKNOWN} when the listener container is not running; {@code UP} otherwise, blocked shards
 * included (they are listed). The details, shown as Spring Boot's {@code management.endpoint.health.show-details}
 * allows, give per stream: its table, state, active shards, blocked shards and why, the last successful poll, the
 * lag and the records delivered. They name tables and shards, never credentials nor item contents.
 */
public final class DynamoDbStreamHealthIndicator implements HealthIndicator {

    private final DynamoDbStreamListenerContainer container;

    /** @param container the container whose streams to report on */
    public DynamoDbStreamHealthIndicator(DynamoDbStreamListenerContainer container) {
        this.container = Objects.requireNonNull(container, "container");
    }

    @Override
    public Health health() {
        List<StreamStatus> statuses = container.streamStatuses();
        Health.Builder health = new Health.Builder(status(statuses));
        Map<String, Object> streams = new LinkedHashMap<>();
        for (StreamStatus stream : statuses) {
            streams.put(stream.name(), details(stream));
        }
        return health.withDetail("running", container.isRunning()).withDetail("streams", streams).build();
    }

    private Status status(List<StreamStatus> statuses) {
        if (!container.isRunning()) {
            return Status.UNKNOWN;
        }
        boolean down = statuses.stream()
                .anyMatch(stream -> stream.state() == StreamState.FAILED || stream.state() == StreamState.UNAVAILABLE);
        return down ? Status.DOWN : Status.UP;
    }

    private static Map<String, Object> details(StreamStatus stream) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("table", stream.tableName());
        details.put("state", stream.state().name());
        details.put("shards", stream.activeShards().size());
        details.put("blockedShards", stream.blockedShards());
        details.put("lastSuccessfulPoll",
                stream.lastSuccessfulPoll() == null ? null : stream.lastSuccessfulPoll().toString());
        details.put("lag", stream.lag().toString());
        details.put("recordsDelivered", stream.recordsDelivered());
        if (stream.problem() != null) {
            details.put("problem", stream.problem());
        }
        return details;
    }
}
