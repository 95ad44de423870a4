package io.github.dynamodbstream.core.poller;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dynamodbstream.core.DynamoDbStreamPoller;
import io.github.dynamodbstream.core.PollResult;
import io.github.dynamodbstream.core.StartingPosition;
import io.github.dynamodbstream.core.support.StreamTables;
import io.github.dynamodbstream.emulator.DynamoDbEmulator;
import io.github.dynamodbstream.emulator.DynamoDbEmulatorExtension;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Empty pages although records lie further on: they must not end reading early. */
class PollerEmptyPageTest {

    @RegisterExtension
    static final DynamoDbEmulatorExtension EMULATOR =
            DynamoDbEmulatorExtension.of(DynamoDbEmulator.builder().shardsPerStream(1).emptyPageRate(0.5).seed(3));

    @Test
    void closedShardIsReadThroughEmptyPagesToItsEndInOneRound() {
        DynamoDbClient dynamoDb = EMULATOR.dynamoDbClient();
        String streamArn = StreamTables.create(dynamoDb, "empty-closed");
        for (int version = 1; version <= 30; version++) {
            StreamTables.put(dynamoDb, "empty-closed", "a", version);
        }
        EMULATOR.emulator().rotateShards("empty-closed");
        RecordingListener listener = new RecordingListener();
        EMULATOR.emulator().calls().reset();
        try (DynamoDbStreamPoller poller = DynamoDbStreamPoller.builder()
                .streamsClient(EMULATOR.streamsClient()).streamArn(streamArn)
                .startingPosition(StartingPosition.TRIM_HORIZON)
                .maxRecordsPerCall(3).maxCallsPerShardPerRound(500)
                .listener(listener).build()) {
            PollResult result = poller.fetchStreamState();

            assertThat(result.finishedShards()).hasSize(1);
            assertThat(listener.versionsById()).containsExactly(
                    Map.entry("a", IntStream.rangeClosed(1, 30).boxed().toList()));
            assertThat(EMULATOR.emulator().calls().count("GetRecords")).isGreaterThan(10 + 1);
        }
    }

    @Test
    void openShardThatGaveRecordsIsReadOnThroughEmptyPages() {
        DynamoDbClient dynamoDb = EMULATOR.dynamoDbClient();
        String streamArn = StreamTables.create(dynamoDb, "empty-open");
        RecordingListener listener = new RecordingListener();
        try (DynamoDbStreamPoller poller = DynamoDbStreamPoller.builder()
                .streamsClient(EMULATOR.streamsClient()).streamArn(streamArn)
                .startingPosition(StartingPosition.TRIM_HORIZON)
                .maxRecordsPerCall(1).maxCallsPerShardPerRound(500)
                .listener(listener).build()) {
            StreamTables.put(dynamoDb, "empty-open", "a", 1);
            while (listener.records.isEmpty()) {
                poller.fetchStreamState();
            }
            for (int version = 2; version <= 6; version++) {
                StreamTables.put(dynamoDb, "empty-open", "a", version);
            }
            int rounds = 0;
            while (listener.records.size() < 6 && rounds < 100) {
                poller.fetchStreamState();
                rounds++;
            }

            assertThat(listener.versionsById()).containsExactly(Map.entry("a", List.of(1, 2, 3, 4, 5, 6)));
            assertThat(rounds).isLessThanOrEqualTo(3);
        }
    }
}
