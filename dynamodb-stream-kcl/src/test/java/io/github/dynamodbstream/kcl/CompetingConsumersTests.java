package io.github.dynamodbstream.kcl;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dynamodbstream.emulator.DynamoDbEmulatorExtension;
import io.github.dynamodbstream.spring.poller.DynamoDbStreamListenerContainer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Three application contexts in one JVM share one stream through the Kinesis Client Library: every change is
 * delivered, each shard by one instance at a time, in order per key; when one instance stops, its shards move to
 * the others within the failover time and nothing is lost.
 */
class CompetingConsumersTests {

    private static final Duration FAILOVER = Duration.ofSeconds(5);
    private static final Set<String> DYNAMODB_AND_STREAMS_OPERATIONS = Set.of("CreateTable", "DescribeTable",
            "UpdateTable", "ListTables", "DeleteTable", "PutItem", "GetItem", "UpdateItem", "DeleteItem", "Query",
            "Scan", "BatchWriteItem", "BatchGetItem", "DescribeTimeToLive", "UpdateTimeToLive", "ListStreams",
            "DescribeStream", "GetShardIterator", "GetRecords");

    @RegisterExtension
    static final DynamoDbEmulatorExtension EMULATOR =
            DynamoDbEmulatorExtension.of(KclFleet.emulator(4));

    @RegisterExtension
    final KclFleet fleet = new KclFleet(EMULATOR.emulator(), EMULATOR.dynamoDbClient(), FAILOVER);

    @Test
    void everyChangeIsDeliveredOnceShardsAreSharedAndAStoppedInstanceHandsItsShardsOverWithinTheFailoverTime() {
        fleet.createTableWriteAndStart("a", "b", "c");
        assertThat(fleet.running()).allSatisfy(instance -> {
            assertThat(fleet.context(instance).getBeansOfType(KclStreamContainer.class)).hasSize(1);
            assertThat(fleet.context(instance).getBeansOfType(DynamoDbStreamListenerContainer.class)).isEmpty();
        });

        fleet.awaitEverythingDelivered(Duration.ofMinutes(3));
        EMULATOR.emulator().rotateShards(KclFleet.TABLE);
        fleet.writeRound();
        fleet.awaitEverythingDelivered(Duration.ofMinutes(1));
        DeliveryLog log = fleet.log();
        Set<String> sharing = log.all().stream().map(DeliveryLog.Delivery::instance).collect(Collectors.toSet());

        String victim = fleet.busiest();
        Set<String> heldAtStop = fleet.heldBy(victim);
        long stopping = System.nanoTime();
        fleet.stop(victim);
        long stopped = System.nanoTime();
        fleet.writeRound();
        EMULATOR.emulator().rotateShards(KclFleet.TABLE);
        fleet.writeRound();
        fleet.awaitEverythingDelivered(Duration.ofMinutes(1));

        Map<String, Optional<Duration>> handOver = fleet.takenOverAfter(heldAtStop, victim, stopped);
        List<DeliveryLog.Delivery> duplicates = log.duplicates();
        System.out.printf("deliveries=%d distinct=%d duplicates=%d sharing=%s stopped=%s (stop took %d ms) "
                        + "heldAtStop=%s handOver=%s%n", log.all().size(), log.distinctDelivered().size(),
                duplicates.size(), sharing, victim, Duration.ofNanos(stopped - stopping).toMillis(), heldAtStop,
                handOver);
        System.out.println("emulator calls: " + EMULATOR.emulator().calls().snapshot());

        assertThat(log.distinctDelivered()).isEqualTo(fleet.written());
        assertThat(log.overlaps()).isZero();
        assertThat(log.keysOutOfOrder()).isEmpty();
        assertThat(sharing).as("instances that processed shards").hasSizeGreaterThanOrEqualTo(2);
        assertThat(heldAtStop).isNotEmpty();
        assertThat(handOver).as("time from the stop to another instance taking each lease of the stopped one")
                .allSatisfy((shard, time) -> assertThat(time).hasValueSatisfying(
                        value -> assertThat(value).isLessThan(FAILOVER)));
        assertThat(log.all().stream().filter(delivery -> delivery.nanos() > stopped))
                .noneMatch(delivery -> delivery.instance().equals(victim));
        assertThat(EMULATOR.emulator().calls().operations())
                .as("only DynamoDB and DynamoDB Streams are called: no Kinesis, no CloudWatch")
                .isSubsetOf(DYNAMODB_AND_STREAMS_OPERATIONS);
        assertThat(duplicates).as("a graceful stop checkpoints before it hands over").isEmpty();
        assertThat(Duration.ofNanos(stopped - stopping)).as("the stop of %s, graceful", victim)
                .isLessThan(KclFleet.SHUTDOWN_TIMEOUT);
        for (String instance : fleet.running()) {
            long start = System.nanoTime();
            fleet.stop(instance);
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .as("the stop of %s, graceful while it holds leases of shards read to their end", instance)
                    .isLessThan(KclFleet.SHUTDOWN_TIMEOUT);
        }
    }
}
