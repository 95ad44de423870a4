package io.github.dynamodbstream.spring.replica;

import io.github.dynamodbstream.core.replica.DynamoDbTableReplica;
import io.github.dynamodbstream.core.replica.ReplicaFailedException;
import io.github.dynamodbstream.core.replica.ReplicaListener;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Holds the application's readiness at {@link ReadinessState#REFUSING_TRAFFIC} until every replica is ready.
 *
 * <p>Spring Boot declares {@code ACCEPTING_TRAFFIC} right after the {@code ApplicationReadyEvent}. When the replicas
 * are not all ready then, this bean declares {@code REFUSING_TRAFFIC} at once, from within that event, and
 * {@code ACCEPTING_TRAFFIC} when the last replica becomes ready. A replica that stops on a problem declares
 * {@code REFUSING_TRAFFIC} again: its reads throw from then on.
 */
final class ReplicaReadiness {

    private static final Logger log = LoggerFactory.getLogger(ReplicaReadiness.class);

    private final DynamoDbTableReplicas replicas;
    private final ApplicationEventPublisher publisher;
    private final Object monitor = new Object();
    private boolean applicationReady;
    private boolean holding;

    ReplicaReadiness(DynamoDbTableReplicas replicas, ApplicationEventPublisher publisher) {
        this.replicas = replicas;
        this.publisher = publisher;
        replicas.replicas().values().forEach(this::follow);
    }

    private <T> void follow(DynamoDbTableReplica<T> replica) {
        replica.addListener(new ReplicaListener<>() {
            @Override
            public void onReady() {
                replicaReady();
            }

            @Override
            public void onFailure(ReplicaFailedException failure) {
                replicaFailed();
            }
        });
    }

    /**
     * Runs after Spring Boot's {@code ApplicationAvailabilityBean} has recorded the same event: an
     * {@code @EventListener} of the lowest precedence is registered after every listener bean, so the state
     * declared here is the last one recorded.
     */
    @EventListener
    @Order(Ordered.LOWEST_PRECEDENCE)
    void onReadinessChange(AvailabilityChangeEvent<ReadinessState> event) {
        if (event.getState() != ReadinessState.ACCEPTING_TRAFFIC) {
            return;
        }
        synchronized (monitor) {
            applicationReady = true;
            if (!replicas.allReady()) {
                holding = true;
                log.info("Readiness stays REFUSING_TRAFFIC until every table replica is ready: {}", describe());
                AvailabilityChangeEvent.publish(publisher, this, ReadinessState.REFUSING_TRAFFIC);
            }
        }
    }

    private void replicaReady() {
        synchronized (monitor) {
            if (holding && replicas.allReady()) {
                holding = false;
                log.info("Every table replica is ready ({}): readiness is ACCEPTING_TRAFFIC", describe());
                AvailabilityChangeEvent.publish(publisher, this, ReadinessState.ACCEPTING_TRAFFIC);
            }
        }
    }

    private void replicaFailed() {
        synchronized (monitor) {
            if (applicationReady && !holding) {
                holding = true;
                log.warn("A table replica stopped ({}): readiness is REFUSING_TRAFFIC", describe());
                AvailabilityChangeEvent.publish(publisher, this, ReadinessState.REFUSING_TRAFFIC);
            }
        }
    }

    private String describe() {
        return replicas.replicas().entrySet().stream()
                .map(ReplicaReadiness::describe)
                .collect(Collectors.joining(", "));
    }

    private static String describe(Map.Entry<String, DynamoDbTableReplica<?>> entry) {
        return entry.getKey() + " (" + entry.getValue().state() + ")";
    }
}
