package io.github.dynamodbstream.emulator.internal.stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StreamDescriptionTest {

    private final StreamStoreFixture fixture = new StreamStoreFixture(3);

    @Test
    @DisplayName("stream ARN names region, account, table and a millisecond label (API_streams_Stream)")
    void streamArnEndsWithMillisecondLabel() {
        String arn = fixture.enable("orders", "NEW_IMAGE");

        assertThat(arn).isEqualTo("arn:aws:dynamodb:eu-west-1:123456789012:table/orders/stream/2026-11-24T18:11:54.123");
    }

    @Test
    void twoStreamsOpenedInTheSameMillisecondGetDistinctLabels() {
        String first = fixture.enable("orders", "NEW_IMAGE");
        String second = fixture.enable("orders", "KEYS_ONLY");

        assertThat(second).isNotEqualTo(first).endsWith("2026-11-24T18:11:54.124");
    }

    @Test
    @DisplayName("DescribeStream answers every field of StreamDescription (API_streams_DescribeStream)")
    void describeStreamAnswersEveryField() {
        String arn = fixture.enable("orders", "NEW_AND_OLD_IMAGES");

        JsonNode description = fixture.describe(arn);

        assertThat(description.get("StreamArn").asText()).isEqualTo(arn);
        assertThat(description.get("StreamLabel").asText()).isEqualTo("2026-11-24T18:11:54.123");
        assertThat(description.get("StreamStatus").asText()).isEqualTo("ENABLING");
        assertThat(description.get("StreamViewType").asText()).isEqualTo("NEW_AND_OLD_IMAGES");
        assertThat(description.get("TableName").asText()).isEqualTo("orders");
        assertThat(description.get("CreationRequestDateTime").decimalValue())
                .isEqualByComparingTo(new java.math.BigDecimal("1795543914.123"));
        assertThat(description.at("/KeySchema/0/AttributeName").asText()).isEqualTo("id");
        assertThat(description.get("Shards")).hasSize(3);
        assertThat(description.has("LastEvaluatedShardId")).isFalse();
    }

    @Test
    void openShardsHaveIdsInTheDynamoDbFormatAndNoEndingSequenceNumber() {
        String arn = fixture.enable("orders", "NEW_IMAGE");

        for (JsonNode shard : fixture.shards(arn)) {
            assertThat(shard.get("ShardId").asText()).matches("shardId-\\d{20}-[0-9a-f]{8}");
            assertThat(shard.at("/SequenceNumberRange/StartingSequenceNumber").asText()).matches("\\d{21,}");
            assertThat(shard.at("/SequenceNumberRange").has("EndingSequenceNumber")).isFalse();
            assertThat(shard.has("ParentShardId")).isFalse();
        }
    }

    @Test
    void unknownStreamIsResourceNotFound() {
        fixture.assertError("DescribeStream", "{\"StreamArn\":\"arn:aws:dynamodb:eu-west-1:123456789012:table/x/stream/y\"}",
                "ResourceNotFoundException");
    }

    @Test
    void missingStreamArnIsValidationError() {
        fixture.assertError("DescribeStream", "{}", "ValidationException");
    }

    @Test
    @DisplayName("DescribeStream pages shards with Limit and ExclusiveStartShardId (API_streams_DescribeStream)")
    void describeStreamPagesThroughMoreThan250Shards() {
        StreamStoreFixture many = new StreamStoreFixture(260);
        String arn = many.enable("orders", "KEYS_ONLY");
        List<String> seen = new ArrayList<>();
        String exclusiveStart = null;
        int pages = 0;
        do {
            String request = "{\"StreamArn\":\"" + arn + "\""
                    + (exclusiveStart == null ? "" : ",\"ExclusiveStartShardId\":\"" + exclusiveStart + "\"") + "}";
            JsonNode description = many.call("DescribeStream", request).get("StreamDescription");
            description.get("Shards").forEach(s -> seen.add(s.get("ShardId").asText()));
            exclusiveStart = description.hasNonNull("LastEvaluatedShardId")
                    ? description.get("LastEvaluatedShardId").asText() : null;
            pages++;
        } while (exclusiveStart != null);

        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(260).doesNotHaveDuplicates().isSorted();
    }

    @Test
    void describeStreamLimitOutOfRangeIsValidationError() {
        String arn = fixture.enable("orders", "KEYS_ONLY");

        fixture.assertError("DescribeStream", "{\"StreamArn\":\"" + arn + "\",\"Limit\":101}", "ValidationException");
        fixture.assertError("DescribeStream", "{\"StreamArn\":\"" + arn + "\",\"Limit\":0}", "ValidationException");
    }

    @Test
    void lastPageHasNoLastEvaluatedShardIdEvenWhenItIsFull() {
        String arn = fixture.enable("orders", "KEYS_ONLY");

        JsonNode page = fixture.call("DescribeStream", "{\"StreamArn\":\"" + arn + "\",\"Limit\":3}");

        assertThat(page.at("/StreamDescription/Shards")).hasSize(3);
        assertThat(page.at("/StreamDescription").has("LastEvaluatedShardId")).isFalse();
    }

    @Test
    @DisplayName("ListStreams filters by table and pages with ExclusiveStartStreamArn (API_streams_ListStreams)")
    void listStreamsFiltersAndPages() {
        String orders = fixture.enable("orders", "KEYS_ONLY");
        String customers = fixture.enable("customers", "KEYS_ONLY");
        String ordersAgain = fixture.enable("orders", "NEW_IMAGE");

        JsonNode first = fixture.call("ListStreams", "{\"Limit\":2}");
        JsonNode second = fixture.call("ListStreams", "{\"Limit\":2,\"ExclusiveStartStreamArn\":\""
                + first.get("LastEvaluatedStreamArn").asText() + "\"}");
        JsonNode onlyOrders = fixture.call("ListStreams", "{\"TableName\":\"orders\"}");

        assertThat(first.get("Streams").findValuesAsText("StreamArn")).containsExactly(orders, customers);
        assertThat(second.get("Streams").findValuesAsText("StreamArn")).containsExactly(ordersAgain);
        assertThat(second.has("LastEvaluatedStreamArn")).isFalse();
        assertThat(onlyOrders.get("Streams").findValuesAsText("StreamArn")).containsExactly(orders, ordersAgain);
        assertThat(onlyOrders.at("/Streams/0/StreamLabel").asText()).isEqualTo("2026-11-24T18:11:54.123");
    }

    @Test
    @DisplayName("a disabled stream is listed, DISABLED, its shards closed (API_streams_DescribeStream)")
    void disabledStreamIsListedWithClosedShards() {
        String arn = fixture.enable("orders", "NEW_IMAGE");
        fixture.insert(arn, "a", "1");

        fixture.store.disableStream(arn);
        fixture.insert(arn, "b", "2");
        fixture.advance(StreamStoreFixture.STATUS_DELAY);

        assertThat(fixture.call("ListStreams", "{}").get("Streams").findValuesAsText("StreamArn")).containsExactly(arn);
        assertThat(fixture.describe(arn).get("StreamStatus").asText()).isEqualTo("DISABLED");
        assertThat(fixture.shards(arn)).allMatch(s -> s.at("/SequenceNumberRange").has("EndingSequenceNumber"));
        assertThat(StreamStoreFixture.values(fixture.readStream(arn))).containsExactly("1");
    }

    @Test
    void deletingTheTableDisablesItsStreamsOnly() {
        String orders = fixture.enable("orders", "NEW_IMAGE");
        String customers = fixture.enable("customers", "NEW_IMAGE");

        fixture.store.tableDeleted("orders");
        fixture.advance(StreamStoreFixture.STATUS_DELAY);

        assertThat(fixture.describe(orders).get("StreamStatus").asText()).isEqualTo("DISABLED");
        assertThat(fixture.describe(customers).get("StreamStatus").asText()).isEqualTo("ENABLED");
    }

    @Test
    void enablingANewStreamDisablesTheTablesPreviousOne() {
        String first = fixture.enable("orders", "NEW_IMAGE");

        fixture.enable("orders", "KEYS_ONLY");

        assertThat(fixture.describe(first).get("StreamStatus").asText()).isEqualTo("DISABLING");
        fixture.advance(StreamStoreFixture.STATUS_DELAY);
        assertThat(fixture.describe(first).get("StreamStatus").asText()).isEqualTo("DISABLED");
    }

    @Test
    @DisplayName("a stream is ENABLING, then ENABLED; turned off, DISABLING, then DISABLED (API_streams_StreamDescription)")
    void streamStatusPassesThroughEnablingAndDisabling() {
        String arn = fixture.enable("orders", "NEW_IMAGE");
        fixture.insert(arn, "a", "1");
        assertThat(fixture.describe(arn).get("StreamStatus").asText()).isEqualTo("ENABLING");

        fixture.advance(StreamStoreFixture.STATUS_DELAY.minusMillis(1));
        assertThat(fixture.describe(arn).get("StreamStatus").asText()).isEqualTo("ENABLING");
        fixture.advance(Duration.ofMillis(1));
        assertThat(fixture.describe(arn).get("StreamStatus").asText()).isEqualTo("ENABLED");

        fixture.store.disableStream(arn);
        assertThat(fixture.describe(arn).get("StreamStatus").asText()).isEqualTo("DISABLING");
        fixture.advance(StreamStoreFixture.STATUS_DELAY);
        assertThat(fixture.describe(arn).get("StreamStatus").asText()).isEqualTo("DISABLED");
        assertThat(StreamStoreFixture.values(fixture.readStream(arn))).containsExactly("1");
    }

    @Test
    @DisplayName("ListStreams for a table that does not exist is ResourceNotFoundException (API_streams_ListStreams)")
    void listStreamsOfAnUnknownTableIsNotFound() {
        fixture.enable("orders", "NEW_IMAGE");

        fixture.assertError("ListStreams", "{\"TableName\":\"missing\"}", "ResourceNotFoundException");
        assertThat(fixture.call("ListStreams", "{\"TableName\":\"orders\"}").get("Streams")).hasSize(1);
    }
}
