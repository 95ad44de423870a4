package io.github.dynamodbstream.spring.health;

import io.github.dynamodbstream.spring.container.DynamoDbStreamContainer;
import io.github.dynamodbstream.spring.container.StreamState;
import io.github.dynamodbstream.spring.container.StreamStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * Health of the DynamoDB stream consumers, named {@code dynamodbStream}, the same in every coordination mode:
 * {@code DOWN} when a stream is {@link StreamState#FAILED} or {@link StreamState#UNAVAILABLE} (it does not exist, or
 * is disabled); {@code UNKNOWN} when the listener container is not running; {@code UP} otherwise, blocked shards
 * included (they are listed). The details, shown as Spring Boot's {@code management.endpoint.health.show-details}
 * allows, give per stream: its table, state, the number of shards this instance reads, blocked shards and why, the
 * last successful poll, the last delivery, the lag, the records delivered, the problem when there is one, and what
 * only the coordination mode knows ({@link StreamStatus#coordination()}). They name tables and shards, never
 * credentials nor item contents.
 */
public final class DynamoDbStreamHealthIndicator implements HealthIndicator {

    private final DynamoDbStreamContainer container;

    /** @param container the container whose streams to report on */
    public DynamoDbStreamHealthIndicator(DynamoDbStreamContainer container) {
        this.container = Objects.requireNonNull(container, "container");
    }

    @Override
    public Health health() {
        boolean running = container.isRunning();
        List<StreamStatus> statuses = container.streamStatuses();
        Map<String, Object> streams = new LinkedHashMap<>();
        for (StreamStatus stream : statuses) {
            streams.put(stream.name(), details(stream));
        }
        return Health.status(status(running, statuses)).withDetail("running", running).withDetail("streams", streams)
                .build();
    }

    private static Status status(boolean running, List<StreamStatus> statuses) {
        if (!running) {
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
        details.put("lastSuccessfulPoll", text(stream.lastSuccessfulPoll()));
        details.put("lastDelivery", text(stream.lastDelivery()));
        details.put("lag", stream.lag().toString());
        details.put("recordsDelivered", stream.recordsDelivered());
        details.put("coordination", stream.coordination());
        if (stream.problem() != null) {
            details.put("problem", stream.problem());
        }
        return details;
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
