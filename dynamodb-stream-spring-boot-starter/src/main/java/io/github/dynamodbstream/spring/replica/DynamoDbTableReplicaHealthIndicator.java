package io.github.dynamodbstream.spring.replica;

import io.github.dynamodbstream.core.replica.DynamoDbTableReplica;
import io.github.dynamodbstream.core.replica.ReplicaFailedException;
import io.github.dynamodbstream.core.replica.ReplicaState;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * Health of the table replicas, named {@code dynamodbReplica}: {@code DOWN} when a replica stopped on a problem
 * ({@link ReplicaState#FAILED}), {@code UP} otherwise, also while a replica is still loading (the application's
 * readiness state says whether to send it traffic). The details give per replicated stream: its table, state,
 * whether it is ready, its number of items, its lag behind the table, its bound ({@code maxItems}, when set) and,
 * when it failed, why. They never show item contents.
 */
public final class DynamoDbTableReplicaHealthIndicator implements HealthIndicator {

    private final DynamoDbTableReplicas replicas;

    /** @param replicas the replicas to report on */
    public DynamoDbTableReplicaHealthIndicator(DynamoDbTableReplicas replicas) {
        this.replicas = Objects.requireNonNull(replicas, "replicas");
    }

    @Override
    public Health health() {
        Map<String, Object> details = new LinkedHashMap<>();
        boolean down = false;
        for (Map.Entry<String, DynamoDbTableReplica<?>> entry : replicas.replicas().entrySet()) {
            DynamoDbTableReplica<?> replica = entry.getValue();
            down |= replica.state() == ReplicaState.FAILED;
            details.put(entry.getKey(), details(entry.getKey(), replica));
        }
        return Health.status(down ? Status.DOWN : Status.UP).withDetail("replicas", details).build();
    }

    private Map<String, Object> details(String streamName, DynamoDbTableReplica<?> replica) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("table", replica.tableName());
        details.put("state", replica.state().name());
        details.put("ready", replica.isReady());
        ReplicaFailedException failure = replica.failure().orElse(null);
        if (failure == null) {
            details.put("size", replica.size());
        }
        details.put("lag", replica.lag().toString());
        replicas.maxItems(streamName).ifPresent(maxItems -> details.put("maxItems", maxItems));
        if (failure != null) {
            details.put("problem", failure.reason() + ": " + failure.getMessage());
        }
        return details;
    }
}
