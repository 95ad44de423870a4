package io.github.dynamodbstream.kcl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.dynamodbstream.emulator.DynamoDbEmulatorExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The instance that assigns leases (the leader) dies without releasing anything: another instance takes its lock
 * over, its shards move to the others, shards created after its death are read, nothing is lost, and the records
 * delivered again are counted.
 */
class LeaderCrashTests {

    private static final Duration FAILOVER = Duration.ofSeconds(3);
    /**
     * Lock seen unchanged for F by an instance asking every F/3, then the crashed leader's leases seen unchanged for F
     * by the new leader assigning every F/3, discovered (F/6) and dispatched (1 s): about 3 F + 1 s; twice that, for
     * a loaded machine.
     */
    private static final Duration CRASH_HAND_OVER_BOUND = FAILOVER.multipliedBy(7).plusSeconds(2);

    @RegisterExtension
    static final DynamoDbEmulatorExtension EMULATOR =
            DynamoDbEmulatorExtension.of(KclFleet.emulator(4));

    @RegisterExtension
    final KclFleet fleet = new KclFleet(EMULATOR.emulator(), EMULATOR.dynamoDbClient(), FAILOVER);

    @Test
    void aCrashedLeadersShardsMoveNewShardsAreStillReadAndNothingIsLost() {
        fleet.createTableWriteAndStart("a", "b", "c");
        fleet.awaitEverythingDelivered(Duration.ofMinutes(3));
        String leader = await().atMost(Duration.ofMinutes(1)).until(fleet::leader, Optional::isPresent).orElseThrow();
        await().atMost(Duration.ofMinutes(1)).until(() -> !fleet.heldBy(leader).isEmpty());
        Set<String> heldAtCrash = fleet.heldBy(leader);

        long crashedAt = System.nanoTime();
        fleet.crash(leader);
        fleet.writeRound();
        EMULATOR.emulator().rotateShards(KclFleet.TABLE);
        fleet.writeRound();
        fleet.awaitEverythingDelivered(Duration.ofMinutes(2));

        DeliveryLog log = fleet.log();
        Map<String, Optional<Duration>> handOver = fleet.takenOverAfter(heldAtCrash, leader, crashedAt);
        List<DeliveryLog.Delivery> duplicates = log.duplicates();
        System.out.printf("deliveries=%d distinct=%d duplicates=%d crashed leader=%s new leader=%s heldAtCrash=%s "
                        + "handOver=%s%n", log.all().size(), log.distinctDelivered().size(), duplicates.size(), leader,
                fleet.leader().orElse("none"), heldAtCrash, handOver);

        assertThat(log.distinctDelivered()).isEqualTo(fleet.written());
        assertThat(log.overlaps()).isZero();
        assertThat(log.keysOutOfOrder()).isEmpty();
        assertThat(fleet.leader()).as("a live instance leads").hasValueSatisfying(
                newLeader -> assertThat(newLeader).isNotEqualTo(leader));
        assertThat(handOver).as("time from the crash to another instance taking each lease of the crashed one")
                .allSatisfy((shard, time) -> assertThat(time).hasValueSatisfying(
                        value -> assertThat(value).isLessThan(CRASH_HAND_OVER_BOUND)));
        assertThat(duplicates).as("delivered again: only records of the crashed instance's shards")
                .allSatisfy(duplicate -> assertThat(heldAtCrash).contains(duplicate.shardId()));
    }
}
