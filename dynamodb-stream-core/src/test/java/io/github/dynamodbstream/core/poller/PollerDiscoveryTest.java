package io.github.dynamodbstream.core.poller;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dynamodbstream.core.DynamoDbStreamPoller;
import io.github.dynamodbstream.core.PollResult;
import io.github.dynamodbstream.core.PollerObserver;
import io.github.dynamodbstream.core.StartingPosition;
import io.github.dynamodbstream.core.failure.RetryBackoff;
import io.github.dynamodbstream.core.support.StreamTables;
import io.github.dynamodbstream.emulator.DynamoDbEmulator;
import io.github.dynamodbstream.emulator.DynamoDbEmulatorExtension;
import io.github.dynamodbstream.emulator.Fault;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** Listing shards: paged to the end, on its own interval, children without a full listing. */
class PollerDiscoveryTest {

    @RegisterExtension
    static final DynamoDbEmulatorExtension EMULATOR =
            DynamoDbEmulatorExtension.of(DynamoDbEmulator.builder().shardsPerStream(260));

    private final RecordingListener listener = new RecordingListener();
    private final MutableClock clock = MutableClock.startingNow();

    private DynamoDbStreamPoller.Builder poller(String streamArn) {
        return DynamoDbStreamPoller.builder()
                .streamsClient(EMULATOR.streamsClient())
                .streamArn(streamArn)
                .startingPosition(StartingPosition.TRIM_HORIZON)
                .clock(clock)
                .maxConcurrentShards(8)
                .listener(listener);
    }

    @Test
    void describeStreamIsPagedToTheEndOfAStreamWithMoreThan250Shards() {
        DynamoDbClient dynamoDb = EMULATOR.dynamoDbClient();
        String streamArn = StreamTables.create(dynamoDb, "discovery-paged");
        for (int item = 0; item < 300; item++) {
            StreamTables.put(dynamoDb, "discovery-paged", "item-" + item, 1);
        }
        EMULATOR.emulator().calls().reset();
        try (DynamoDbStreamPoller poller = poller(streamArn).build()) {
            PollResult result = poller.fetchStreamState();

            assertThat(result.newShards()).hasSize(260).doesNotHaveDuplicates();
            assertThat(EMULATOR.emulator().calls().count("DescribeStream")).isEqualTo(3);
            assertThat(listener.versionsById()).hasSize(300);
            assertThat(result.shardsRead()).isEqualTo(260);
            assertThat(listener.threads).allMatch(name -> name.startsWith("dynamodb-stream-")).hasSizeGreaterThan(1);
        }
    }

    @Test
    void fullListingRunsOnItsOwnIntervalNotOnEveryRound() {
        String streamArn = StreamTables.create(EMULATOR.dynamoDbClient(), "discovery-interval");
        try (DynamoDbStreamPoller poller = poller(streamArn).discoveryInterval(Duration.ofSeconds(30)).build()) {
            EMULATOR.emulator().calls().reset();
            for (int round = 0; round < 5; round++) {
                poller.fetchStreamState();
                clock.advance(Duration.ofSeconds(5));
            }
            long afterFiveRounds = EMULATOR.emulator().calls().count("DescribeStream");
            clock.advance(Duration.ofSeconds(10));
            poller.fetchStreamState();

            assertThat(afterFiveRounds).isEqualTo(3);
            assertThat(EMULATOR.emulator().calls().count("DescribeStream")).isEqualTo(6);
        }
    }

    @Test
    void childrenOfAFinishedShardAreFoundWithoutListingTheWholeStream() {
        DynamoDbClient dynamoDb = EMULATOR.dynamoDbClient();
        String streamArn = StreamTables.create(dynamoDb, "discovery-children");
        try (DynamoDbStreamPoller poller = poller(streamArn).build()) {
            poller.fetchStreamState();
            EMULATOR.emulator().rotateShards("discovery-children");
            for (int item = 0; item < 100; item++) {
                StreamTables.put(dynamoDb, "discovery-children", "item-" + item, 1);
            }
            EMULATOR.emulator().calls().reset();

            PollResult result = poller.fetchStreamState();

            assertThat(result.finishedShards()).hasSize(260);
            assertThat(result.newShards()).hasSize(260);
            assertThat(EMULATOR.emulator().calls().count("DescribeStream")).isEqualTo(260);
            assertThat(listener.versionsById()).hasSize(100);
            Set<String> readShards = new HashSet<>();
            listener.records.forEach(record -> readShards.add(record.shardId()));
            assertThat(readShards).allMatch(result.newShards()::contains);
        }
    }

    @Test
    void freshLatestStartThatSeesParentsOpenOnOnePageAndTheirChildrenOnALaterOneLosesNothingWrittenAfterIt() {
        DynamoDbClient dynamoDb = EMULATOR.dynamoDbClient();
        String streamArn = StreamTables.create(dynamoDb, "discovery-paged-rotation");
        AtomicBoolean rotated = new AtomicBoolean();
        PollerObserver rotateAfterTheFirstPage = new PollerObserver() {
            @Override
            public void apiCall(String operation, String outcome, Duration latency) {
                if (operation.equals("DescribeStream") && rotated.compareAndSet(false, true)) {
                    EMULATOR.emulator().rotateShards("discovery-paged-rotation");
                }
            }
        };
        try (DynamoDbStreamsClient streamsClient = StreamTables.streamsWithoutRetries(EMULATOR);
                DynamoDbStreamPoller poller = poller(streamArn).streamsClient(streamsClient)
                        .startingPosition(StartingPosition.LATEST).observer(rotateAfterTheFirstPage)
                        .apiRetryBackoff(RetryBackoff.noRetry()).maxConcurrentShards(1).build()) {
            EMULATOR.emulator().injectFault("GetRecords", Fault.internalError(), 100);
            PollResult first = poller.fetchStreamState();
            for (int item = 0; item < 200; item++) {
                StreamTables.put(dynamoDb, "discovery-paged-rotation", "item-" + item, 1);
            }
            poller.fetchStreamState();
            poller.fetchStreamState();

            assertThat(rotated).isTrue();
            assertThat(first.failedShards()).hasSize(100);
            assertThat(listener.versionsById()).hasSize(200);
        }
    }
}
