package io.github.dynamodbstream.kcl.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dynamodbstream.core.ChangeType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class StreamActivityTests {

    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

    private final StreamActivity activity = new StreamActivity(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void leasesAreTheShardsTakenAndNotReleasedSortedPerStream() {
        activity.leaseTaken("orders", "shard-b");
        activity.leaseTaken("orders", "shard-a");
        activity.leaseTaken("orders", "shard-c");
        activity.leaseTaken("payments", "shard-z");
        activity.leaseReleased("orders", "shard-c");

        assertThat(activity.leases("orders")).containsExactly("shard-a", "shard-b");
        assertThat(activity.leases("payments")).containsExactly("shard-z");
    }

    @Test
    void lagIsTheLargestAmongHeldShardsAndForgetsReleasedOnes() {
        activity.leaseTaken("orders", "shard-a");
        activity.leaseTaken("orders", "shard-b");
        activity.behindLatest("orders", "shard-a", Duration.ofSeconds(3));
        activity.behindLatest("orders", "shard-b", Duration.ofSeconds(7));
        assertThat(activity.lag("orders")).isEqualTo(Duration.ofSeconds(7));

        activity.leaseReleased("orders", "shard-b");
        activity.behindLatest("orders", "shard-b", Duration.ofSeconds(9));
        assertThat(activity.lag("orders")).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void deliveriesAreCountedWithTheTimeOfTheLast() {
        assertThat(activity.lastDelivery("orders")).isNull();
        activity.recordsDelivered("orders", "shard-a", ChangeType.INSERT, 2);
        activity.recordsDelivered("orders", "shard-a", ChangeType.MODIFY, 1);
        assertThat(activity.recordsDelivered("orders")).isEqualTo(3);
        assertThat(activity.recordsDelivered("payments")).isZero();
        assertThat(activity.lastDelivery("orders")).isEqualTo(NOW);
    }
}
