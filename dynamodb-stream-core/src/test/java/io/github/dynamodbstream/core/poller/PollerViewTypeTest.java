package io.github.dynamodbstream.core.poller;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dynamodbstream.core.DynamoDbStreamPoller;
import io.github.dynamodbstream.core.PollResult;
import io.github.dynamodbstream.core.StartingPosition;
import io.github.dynamodbstream.core.record.ChangeRecord;
import io.github.dynamodbstream.core.record.ChangeType;
import io.github.dynamodbstream.core.support.StreamTables;
import io.github.dynamodbstream.emulator.DynamoDbEmulator;
import io.github.dynamodbstream.emulator.DynamoDbEmulatorExtension;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/** Every stream view type, and deletes by Time to Live, through the poller. */
class PollerViewTypeTest {

    @RegisterExtension
    static final DynamoDbEmulatorExtension EMULATOR =
            DynamoDbEmulatorExtension.of(DynamoDbEmulator.builder().shardsPerStream(2));

    @ParameterizedTest
    @EnumSource(value = StreamViewType.class, names = "UNKNOWN_TO_SDK_VERSION", mode = EnumSource.Mode.EXCLUDE)
    void insertModifyRemoveAndTimeToLiveDeleteArriveWithTheImagesTheViewTypeKeeps(StreamViewType viewType) {
        DynamoDbClient dynamoDb = EMULATOR.dynamoDbClient();
        String table = "view-" + viewType.toString().toLowerCase().replace('_', '-');
        String streamArn = StreamTables.create(dynamoDb, table, viewType);
        dynamoDb.updateTimeToLive(request -> request.tableName(table)
                .timeToLiveSpecification(ttl -> ttl.enabled(true).attributeName("expiresAt")));
        RecordingListener listener = new RecordingListener();
        try (DynamoDbStreamPoller poller = DynamoDbStreamPoller.builder()
                .streamsClient(EMULATOR.streamsClient()).streamArn(streamArn)
                .startingPosition(StartingPosition.TRIM_HORIZON).listener(listener).build()) {
            StreamTables.put(dynamoDb, table, "a", 1);
            StreamTables.put(dynamoDb, table, "a", 2);
            StreamTables.delete(dynamoDb, table, "a");
            long expiresAt = EMULATOR.emulator().now().getEpochSecond() + 60;
            dynamoDb.putItem(request -> request.tableName(table).item(Map.of("id", AttributeValue.fromS("b"),
                    "v", AttributeValue.fromN("1"), "expiresAt", AttributeValue.fromN(Long.toString(expiresAt)))));
            EMULATOR.emulator().advanceClock(Duration.ofMinutes(10));

            PollResult result = poller.fetchStreamState();

            boolean keepsNew = viewType == StreamViewType.NEW_IMAGE || viewType == StreamViewType.NEW_AND_OLD_IMAGES;
            boolean keepsOld = viewType == StreamViewType.OLD_IMAGE || viewType == StreamViewType.NEW_AND_OLD_IMAGES;
            assertThat(result.recordsByType()).containsExactlyInAnyOrderEntriesOf(
                    Map.of(ChangeType.INSERT, 2, ChangeType.MODIFY, 1, ChangeType.REMOVE, 2));
            ChangeRecord modify = only(listener, ChangeType.MODIFY);
            assertThat(modify.hasNewImage()).isEqualTo(keepsNew);
            assertThat(modify.hasOldImage()).isEqualTo(keepsOld);
            assertThat(modify.keys()).containsOnlyKeys("id");
            assertThat(listener.records).filteredOn(ChangeRecord::isTimeToLiveDelete).singleElement()
                    .satisfies(expired -> {
                        assertThat(expired.keys().get("id").s()).isEqualTo("b");
                        assertThat(expired.hasOldImage()).isEqualTo(keepsOld);
                    });
        }
    }

    private static ChangeRecord only(RecordingListener listener, ChangeType type) {
        return listener.records.stream().filter(record -> record.type() == type).findFirst().orElseThrow();
    }
}
