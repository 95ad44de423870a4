package io.github.dynamodbstream.spring.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dynamodbstream.core.checkpoint.ShardCheckpoint;
import io.github.dynamodbstream.spring.ListenerMode;
import io.github.dynamodbstream.spring.StreamDefinitions;
import io.github.dynamodbstream.spring.container.DynamoDbStreamContainer;
import io.github.dynamodbstream.spring.container.StreamState;
import io.github.dynamodbstream.spring.container.StreamStatus;
import io.github.dynamodbstream.spring.support.TestStreams;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/** The health indicator reads the container contract only, whichever container keeps it. */
class DynamoDbStreamHealthIndicatorTests {

    @Test
    void downWhenAStreamFailedWithItsProblemAndTheCoordinationDetails() {
        Health health = new DynamoDbStreamHealthIndicator(new FixedContainer(true,
                status("orders", StreamState.RUNNING, null),
                status("payments", StreamState.FAILED, "scheduler ended"))).health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails().get("streams")).asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsOnlyKeys("orders", "payments")
                .extractingByKey("payments").asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsEntry("state", "FAILED").containsEntry("problem", "scheduler ended")
                .containsEntry("coordination", Map.of("workerId", "instance-1"));
    }

    @Test
    void upWithEachStreamsShardsLagAndLastDelivery() {
        Health health = new DynamoDbStreamHealthIndicator(new FixedContainer(true,
                status("orders", StreamState.RUNNING, null))).health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails().get("streams")).asInstanceOf(InstanceOfAssertFactories.MAP)
                .extractingByKey("orders").asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsEntry("shards", 2).containsEntry("lag", "PT2S")
                .containsEntry("lastDelivery", "2026-01-02T03:04:05Z")
                .containsEntry("blockedShards", Map.of("shard-2", "listener rejects order-1"))
                .doesNotContainKey("problem");
    }

    @Test
    void unknownWhileTheContainerDoesNotRun() {
        Health health = new DynamoDbStreamHealthIndicator(new FixedContainer(false,
                status("orders", StreamState.STOPPED, null))).health();

        assertThat(health.getStatus()).isEqualTo(Status.UNKNOWN);
        assertThat(health.getDetails()).containsEntry("running", false);
    }

    private static StreamStatus status(String name, StreamState state, String problem) {
        return new StreamStatus(name, name, state, Set.of("shard-1", "shard-2"),
                Map.of("shard-2", "listener rejects order-1"), null, Instant.parse("2026-01-02T03:04:05Z"),
                Duration.ofSeconds(2), 4, problem, Map.of("workerId", "instance-1"));
    }

    /** A container whose statuses are given. */
    private record FixedContainer(boolean running, List<StreamStatus> statuses) implements DynamoDbStreamContainer {

        FixedContainer(boolean running, StreamStatus... statuses) {
            this(running, List.of(statuses));
        }

        @Override
        public StreamDefinitions streams() {
            return new StreamDefinitions(statuses.stream()
                    .map(status -> TestStreams.definition(status.name(), null, ListenerMode.RECORD)).toList());
        }

        @Override
        public List<StreamStatus> streamStatuses() {
            return statuses;
        }

        @Override
        public Map<String, ShardCheckpoint> checkpoints(String streamName) {
            return Map.of();
        }

        @Override
        public void start() {
        }

        @Override
        public void stop() {
        }

        @Override
        public boolean isRunning() {
            return running;
        }
    }
}
