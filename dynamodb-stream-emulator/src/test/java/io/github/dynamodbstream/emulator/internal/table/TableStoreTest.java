package io.github.dynamodbstream.emulator.internal.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dynamodbstream.emulator.internal.ApiException;
import io.github.dynamodbstream.emulator.internal.EmulatorClock;
import io.github.dynamodbstream.emulator.internal.EmulatorSettings;
import io.github.dynamodbstream.emulator.internal.stream.Change;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The table side alone, driven through its operations map with a recording stream side. */
class TableStoreTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Instant START = Instant.parse("2024-05-01T12:00:00Z");

    private final RecordingTableStreams streams = new RecordingTableStreams();
    private final EmulatorClock clock = new EmulatorClock(Clock.fixed(START, ZoneOffset.UTC));
    private TableStore store;

    @BeforeEach
    void createTable() {
        EmulatorSettings settings = new EmulatorSettings("us-east-1", "000000000000", 2, Duration.ofMinutes(15),
                Duration.ofHours(24), null, 2, 0, 42, Duration.ZERO);
        store = new TableStore(settings, clock, streams);
        call("CreateTable", """
                {'TableName': 'orders', 'BillingMode': 'PAY_PER_REQUEST',
                 'AttributeDefinitions': [{'AttributeName': 'pk', 'AttributeType': 'S'},
                                          {'AttributeName': 'sk', 'AttributeType': 'N'}],
                 'KeySchema': [{'AttributeName': 'pk', 'KeyType': 'HASH'},
                               {'AttributeName': 'sk', 'KeyType': 'RANGE'}],
                 'StreamSpecification': {'StreamEnabled': true, 'StreamViewType': 'NEW_AND_OLD_IMAGES'}}""");
    }

    @Test
    void putOfANewItemAppendsOneInsertWithTheNewImage() {
        put("a", 1, "x");

        assertThat(streams.changes).singleElement().satisfies(change -> {
            assertThat(change.eventName()).isEqualTo("INSERT");
            assertThat(change.oldImage()).isNull();
            assertThat(change.newImage().get("v").get("S").asText()).isEqualTo("x");
            assertThat(change.keys()).isEqualTo(json("{'pk': {'S': 'a'}, 'sk': {'N': '1'}}"));
            assertThat(change.partitionKey()).isEqualTo("a");
            assertThat(change.timeToLive()).isFalse();
        });
    }

    @Test
    void putOfTheSameItemAgainAppendsNothing() {
        put("a", 1, "x");
        put("a", 1, "x");

        assertThat(streams.changes).extracting(Change::eventName).containsExactly("INSERT");
    }

    @Test
    void putOverAnExistingItemAppendsModifyWithBothImages() {
        put("a", 1, "x");
        put("a", 1, "y");

        Change modify = streams.changes.get(1);
        assertThat(modify.eventName()).isEqualTo("MODIFY");
        assertThat(modify.oldImage().get("v").get("S").asText()).isEqualTo("x");
        assertThat(modify.newImage().get("v").get("S").asText()).isEqualTo("y");
    }

    @Test
    void deleteOfAMissingItemAppendsNothingAndOfAnExistingItemAppendsRemove() {
        call("DeleteItem", "{'TableName': 'orders', 'Key': {'pk': {'S': 'a'}, 'sk': {'N': '1'}}}");
        put("a", 1, "x");
        call("DeleteItem", "{'TableName': 'orders', 'Key': {'pk': {'S': 'a'}, 'sk': {'N': '1'}}}");

        assertThat(streams.changes).extracting(Change::eventName).containsExactly("INSERT", "REMOVE");
        assertThat(streams.changes.get(1).newImage()).isNull();
        assertThat(streams.changes.get(1).oldImage().get("v").get("S").asText()).isEqualTo("x");
    }

    @Test
    void storedItemIsNotChangedWhenTheRequestTreeChangesLater() {
        ObjectNode request = json("{'TableName': 'orders', 'Item': {'pk': {'S': 'a'}, 'sk': {'N': '1'}}}");
        store.operations().get("PutItem").invoke(request);
        ObjectNode stored = (ObjectNode) call("GetItem",
                "{'TableName': 'orders', 'Key': {'pk': {'S': 'a'}, 'sk': {'N': '1'}}}").get("Item");
        ObjectNode copy = stored.deepCopy();
        put("a", 1, "changed");

        assertThat(stored).isEqualTo(copy);
    }

    @Test
    void itemWithoutItsSortKeyIsRejectedWithDynamoDbsMessage() {
        assertThatThrownBy(() -> call("PutItem", "{'TableName': 'orders', 'Item': {'pk': {'S': 'a'}}}"))
                .isInstanceOf(ApiException.class)
                .hasMessage("One or more parameter values were invalid: Missing the key sk in the item");
    }

    @Test
    void keyOfTheWrongTypeIsRejectedWithDynamoDbsMessage() {
        assertThatThrownBy(() -> call("PutItem",
                "{'TableName': 'orders', 'Item': {'pk': {'S': 'a'}, 'sk': {'S': 'one'}}}"))
                .isInstanceOf(ApiException.class)
                .hasMessage("One or more parameter values were invalid: "
                        + "Type mismatch for key sk expected: N actual: S");
        assertThatThrownBy(() -> call("GetItem", "{'TableName': 'orders', 'Key': {'pk': {'S': 'a'}}}"))
                .isInstanceOf(ApiException.class)
                .hasMessage("The provided key element does not match the schema");
    }

    @Test
    void itemOverFourHundredKilobytesIsRejected() {
        ObjectNode item = json("{'pk': {'S': 'a'}, 'sk': {'N': '1'}}");
        item.putObject("big").put("S", "x".repeat(400 * 1024));
        ObjectNode request = MAPPER.createObjectNode().put("TableName", "orders");
        request.set("Item", item);

        assertThatThrownBy(() -> store.operations().get("PutItem").invoke(request))
                .isInstanceOf(ApiException.class)
                .hasMessage("Item size has exceeded the maximum allowed size");
        assertThat(streams.changes).isEmpty();
    }

    @Test
    void scanSegmentsSplitTheItemsDisjointlyAndCompletely() {
        for (int i = 0; i < 60; i++) {
            put("p" + i, i % 3, "v");
        }
        int total = 7;
        Set<String> seen = new HashSet<>();
        int count = 0;
        for (int segment = 0; segment < total; segment++) {
            JsonNode page = call("Scan", "{'TableName': 'orders', 'Segment': " + segment + ", 'TotalSegments': "
                    + total + "}");
            for (JsonNode item : page.get("Items")) {
                seen.add(item.get("pk").get("S").asText() + "/" + item.get("sk").get("N").asText());
                count++;
            }
        }
        assertThat(count).isEqualTo(60);
        assertThat(seen).hasSize(60);
    }

    @Test
    void scanWithLimitPagesThroughEveryItemOnceInKeyOrder() {
        for (int i = 0; i < 10; i++) {
            put("p", 10 - i, "v");
        }
        List<String> sortKeys = new java.util.ArrayList<>();
        JsonNode startKey = null;
        int pages = 0;
        do {
            ObjectNode request = json("{'TableName': 'orders', 'Limit': 3}");
            if (startKey != null) {
                request.set("ExclusiveStartKey", startKey);
            }
            JsonNode page = store.operations().get("Scan").invoke(request);
            page.get("Items").forEach(item -> sortKeys.add(item.get("sk").get("N").asText()));
            startKey = page.get("LastEvaluatedKey");
            pages++;
        } while (startKey != null);

        assertThat(sortKeys).containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9", "10");
        assertThat(pages).isEqualTo(4);
    }

    @Test
    void expiredItemsAreRemovedByTimeToLiveAndLiveOnesStay() {
        call("UpdateTimeToLive", "{'TableName': 'orders', 'TimeToLiveSpecification': "
                + "{'Enabled': true, 'AttributeName': 'expiresAt'}}");
        long now = START.getEpochSecond();
        call("PutItem", "{'TableName': 'orders', 'Item': {'pk': {'S': 'old'}, 'sk': {'N': '1'}, "
                + "'expiresAt': {'N': '" + (now + 60) + "'}}}");
        call("PutItem", "{'TableName': 'orders', 'Item': {'pk': {'S': 'new'}, 'sk': {'N': '1'}, "
                + "'expiresAt': {'N': '" + (now + 3600) + "'}}}");
        call("PutItem", "{'TableName': 'orders', 'Item': {'pk': {'S': 'text'}, 'sk': {'N': '1'}, "
                + "'expiresAt': {'S': '" + (now - 60) + "'}}}");
        streams.changes.clear();

        store.maintain(START.plusSeconds(120));

        assertThat(streams.changes).singleElement().satisfies(change -> {
            assertThat(change.eventName()).isEqualTo("REMOVE");
            assertThat(change.timeToLive()).isTrue();
            assertThat(change.partitionKey()).isEqualTo("old");
        });
        assertThat(call("Scan", "{'TableName': 'orders'}").get("Count").asInt()).isEqualTo(2);
    }

    @Test
    void timeToLiveIndexFollowsAnItemWhoseExpiryMovesLater() {
        call("UpdateTimeToLive", "{'TableName': 'orders', 'TimeToLiveSpecification': "
                + "{'Enabled': true, 'AttributeName': 'expiresAt'}}");
        long now = START.getEpochSecond();
        call("PutItem", "{'TableName': 'orders', 'Item': {'pk': {'S': 'a'}, 'sk': {'N': '1'}, "
                + "'expiresAt': {'N': '" + (now + 60) + "'}}}");
        call("PutItem", "{'TableName': 'orders', 'Item': {'pk': {'S': 'a'}, 'sk': {'N': '1'}, "
                + "'expiresAt': {'N': '" + (now + 600) + "'}}}");

        store.maintain(START.plusSeconds(120));
        assertThat(call("Scan", "{'TableName': 'orders'}").get("Count").asInt()).isEqualTo(1);
        store.maintain(START.plusSeconds(601));
        assertThat(call("Scan", "{'TableName': 'orders'}").get("Count").asInt()).isZero();
    }

    @Test
    void streamTurnedOffAndOnAgainOpensANewStreamWithANewLabel() {
        String first = call("DescribeTable", "{'TableName': 'orders'}").get("Table").get("LatestStreamLabel").asText();
        call("UpdateTable", "{'TableName': 'orders', 'StreamSpecification': {'StreamEnabled': false}}");
        put("a", 1, "not streamed");
        JsonNode second = call("UpdateTable", "{'TableName': 'orders', 'StreamSpecification': "
                + "{'StreamEnabled': true, 'StreamViewType': 'KEYS_ONLY'}}").get("TableDescription");

        assertThat(streams.disabled).containsExactly(streams.enabled.get(0));
        assertThat(second.get("LatestStreamLabel").asText()).isNotEqualTo(first);
        assertThat(second.get("StreamSpecification").get("StreamViewType").asText()).isEqualTo("KEYS_ONLY");
        assertThat(streams.changes).isEmpty();
        assertThatThrownBy(() -> call("UpdateTable", "{'TableName': 'orders', 'StreamSpecification': "
                + "{'StreamEnabled': true, 'StreamViewType': 'KEYS_ONLY'}}"))
                .isInstanceOf(ApiException.class)
                .extracting(e -> ((ApiException) e).errorName()).isEqualTo("ValidationException");
    }

    @Test
    void batchOfMoreThanTwentyFiveWritesIsRejectedWhole() {
        StringBuilder writes = new StringBuilder();
        for (int i = 0; i < 26; i++) {
            writes.append(i == 0 ? "" : ",").append("{'PutRequest': {'Item': {'pk': {'S': 'p").append(i)
                    .append("'}, 'sk': {'N': '1'}}}}");
        }
        assertThatThrownBy(() -> call("BatchWriteItem", "{'RequestItems': {'orders': [" + writes + "]}}"))
                .isInstanceOf(ApiException.class)
                .hasMessageStartingWith("Too many items requested for the BatchWriteItem call");
        assertThat(streams.changes).isEmpty();
    }

    @Test
    void deleteTableTellsTheStreamSide() {
        call("DeleteTable", "{'TableName': 'orders'}");

        assertThat(streams.deletedTables).containsExactly("orders");
        assertThatThrownBy(() -> call("DescribeTable", "{'TableName': 'orders'}"))
                .isInstanceOf(ApiException.class)
                .extracting(e -> ((ApiException) e).errorName()).isEqualTo("ResourceNotFoundException");
    }

    private void put(String pk, int sk, String value) {
        call("PutItem", "{'TableName': 'orders', 'Item': {'pk': {'S': '" + pk + "'}, 'sk': {'N': '" + sk + "'}, "
                + "'v': {'S': '" + value + "'}}}");
    }

    private JsonNode call(String operation, String request) {
        return store.operations().get(operation).invoke(json(request));
    }

    private static ObjectNode json(String text) {
        try {
            return (ObjectNode) MAPPER.readTree(text.replace('\'', '"'));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
