package io.github.dynamodbstream.spring.container.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dynamodbstream.core.record.ChangeType;
import io.github.dynamodbstream.spring.ListenerMode;
import io.github.dynamodbstream.spring.StreamDefinition;
import io.github.dynamodbstream.spring.container.StreamState;
import io.github.dynamodbstream.spring.container.StreamStatus;
import io.github.dynamodbstream.spring.support.TestStreams;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The activity tracker as the Kinesis Client Library's record processors feed it: by leases. */
class StreamActivityTests {

    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
    private static final StreamDefinition ORDERS = TestStreams.definition("orders", null, ListenerMode.RECORD);

    private final StreamActivity activity = StreamActivity.forLeases(ORDERS, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void activeShardsAreTheLeasesTakenAndNotReleased() {
        activity.shardTaken("shard-b");
        activity.shardTaken("shard-a");
        activity.shardTaken("shard-c");
        activity.shardReleased("shard-c");

        assertThat(activity.status(true, Map.of()).activeShards()).containsExactlyInAnyOrder("shard-a", "shard-b");
    }

    @Test
    void lagIsTheLargestAmongHeldShardsAndForgetsReleasedOnes() {
        activity.shardTaken("shard-a");
        activity.shardTaken("shard-b");
        activity.behindLatest("shard-a", Duration.ofSeconds(3));
        activity.behindLatest("shard-b", Duration.ofSeconds(7));
        assertThat(activity.lag()).isEqualTo(Duration.ofSeconds(7));

        activity.shardReleased("shard-b");
        activity.behindLatest("shard-b", Duration.ofSeconds(9));
        assertThat(activity.lag()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void deliveriesAreCountedWithTheTimeOfTheLast() {
        assertThat(activity.status(true, Map.of()).lastDelivery()).isNull();
        activity.recordsDelivered("shard-a", ChangeType.INSERT, 2);
        activity.recordsDelivered("shard-a", ChangeType.MODIFY, 1);

        StreamStatus status = activity.status(true, Map.of());
        assertThat(status.recordsDelivered()).isEqualTo(3);
        assertThat(status.lastDelivery()).isEqualTo(NOW);
        assertThat(status.lastSuccessfulPoll()).as("no rounds under leases").isNull();
    }

    @Test
    void aBlockedShardIsListedUntilItMovesOnOrIsReleased() {
        activity.shardTaken("shard-a");
        activity.shardTaken("shard-b");
        activity.shardBlocked("shard-a", "listener rejects order-1");
        activity.shardBlocked("shard-b", "listener rejects order-2");
        assertThat(activity.status(true, Map.of()).blockedShards())
                .containsOnlyKeys("shard-a", "shard-b").containsEntry("shard-a", "listener rejects order-1");

        activity.shardUnblocked("shard-a");
        activity.shardReleased("shard-b");
        assertThat(activity.status(true, Map.of()).blockedShards()).isEmpty();
    }

    @Test
    void runsFromTheStartStopsWithTheContainerAndFailsWithTheReason() {
        assertThat(activity.status(true, Map.of()).state()).isEqualTo(StreamState.RUNNING);
        assertThat(activity.status(false, Map.of()).state()).isEqualTo(StreamState.STOPPED);

        activity.failed(StreamState.FAILED, "scheduler ended");
        StreamStatus status = activity.status(true, Map.of("workerId", "instance-1"));
        assertThat(status.state()).isEqualTo(StreamState.FAILED);
        assertThat(status.problem()).isEqualTo("scheduler ended");
        assertThat(status.coordination()).containsEntry("workerId", "instance-1");
    }
}
