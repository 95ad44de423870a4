package io.github.dynamodbstream.kcl.health;

import io.github.dynamodbstream.kcl.KclStreamContainer;
import io.github.dynamodbstream.kcl.KclStreamStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * Health of the streams read under Kinesis Client Library coordination, named {@code dynamodbStream} like the
 * broadcast mode's: {@code UNKNOWN} while the {@link KclStreamContainer} is not running, {@code DOWN} when a
 * stream's scheduler failed to start or stopped unexpectedly, {@code UP} otherwise. The details give per stream:
 * its table, the KCL application name (the lease table), this instance's worker id, the shards whose lease it
 * holds, the records delivered, the last delivery and the lag. They name tables and shards, never credentials
 * nor item contents.
 */
public final class KclStreamHealthIndicator implements HealthIndicator {

    private final KclStreamContainer container;

    /** @param container the container whose streams to report on */
    public KclStreamHealthIndicator(KclStreamContainer container) {
        this.container = Objects.requireNonNull(container, "container");
    }

    @Override
    public Health health() {
        boolean running = container.isRunning();
        List<KclStreamStatus> statuses = container.streamStatuses();
        Map<String, Object> streams = new LinkedHashMap<>();
        statuses.forEach(stream -> streams.put(stream.name(), details(stream)));
        Status status = !running ? Status.UNKNOWN
                : statuses.stream().anyMatch(stream -> stream.state() == KclStreamStatus.State.FAILED) ? Status.DOWN
                : Status.UP;
        return Health.status(status).withDetail("running", running).withDetail("streams", streams).build();
    }

    private static Map<String, Object> details(KclStreamStatus stream) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("table", stream.tableName());
        details.put("state", stream.state().name());
        details.put("applicationName", stream.applicationName());
        details.put("workerId", stream.workerId());
        details.put("leases", stream.leases());
        details.put("recordsDelivered", stream.recordsDelivered());
        details.put("lastDelivery", stream.lastDelivery() == null ? null : stream.lastDelivery().toString());
        details.put("lag", stream.lag().toString());
        return details;
    }
}
