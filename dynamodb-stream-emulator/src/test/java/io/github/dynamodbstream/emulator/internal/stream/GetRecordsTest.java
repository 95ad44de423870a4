package io.github.dynamodbstream.emulator.internal.stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class GetRecordsTest {

    @Test
    @DisplayName("GetRecords answers at most Limit records, 1000 by default (API_streams_GetRecords)")
    void pageHoldsAtMostLimitRecords() {
        StreamStoreFixture fixture = new StreamStoreFixture(1);
        String arn = fixture.enable("orders", "KEYS_ONLY");
        for (int i = 0; i < 1500; i++) {
            fixture.insert(arn, "k" + i, null);
        }
        String iterator = fixture.iterator(arn, fixture.shardIds(arn).get(0), "TRIM_HORIZON");

        JsonNode firstPage = fixture.getRecords(iterator, 10);
        JsonNode secondPage = fixture.getRecords(firstPage.get("NextShardIterator").asText());
        JsonNode thirdPage = fixture.getRecords(secondPage.get("NextShardIterator").asText());

        assertThat(firstPage.get("Records")).hasSize(10);
        assertThat(secondPage.get("Records")).hasSize(1000);
        assertThat(thirdPage.get("Records")).hasSize(490);
        assertThat(thirdPage.hasNonNull("NextShardIterator")).isTrue();
        fixture.assertError("GetRecords", "{\"ShardIterator\":\"" + iterator + "\",\"Limit\":1001}", "ValidationException");
        fixture.assertError("GetRecords", "{\"ShardIterator\":\"" + iterator + "\",\"Limit\":0}", "ValidationException");
    }

    @Test
    @DisplayName("GetRecords answers at most 1 MB of records (API_streams_GetRecords)")
    void pageHoldsAtMostOneMegabyte() {
        StreamStoreFixture fixture = new StreamStoreFixture(1);
        String arn = fixture.enable("orders", "NEW_IMAGE");
        String large = "x".repeat(100_000);
        for (int i = 0; i < 25; i++) {
            fixture.insert(arn, "k" + i, large);
        }

        JsonNode page = fixture.getRecords(fixture.iterator(arn, fixture.shardIds(arn).get(0), "TRIM_HORIZON"));

        int total = 0;
        for (JsonNode record : page.get("Records")) {
            total += record.at("/dynamodb/SizeBytes").asInt();
        }
        assertThat(page.get("Records")).hasSize(10);
        assertThat(total).isLessThanOrEqualTo(1024 * 1024);
    }

    @Test
    @DisplayName("an open shard always answers a NextShardIterator, even without records (API_streams_GetRecords)")
    void openShardAlwaysAnswersNextIterator() {
        StreamStoreFixture fixture = new StreamStoreFixture(1);
        String arn = fixture.enable("orders", "NEW_IMAGE");

        JsonNode page = fixture.getRecords(fixture.iterator(arn, fixture.shardIds(arn).get(0), "TRIM_HORIZON"));

        assertThat(page.get("Records")).isEmpty();
        assertThat(page.hasNonNull("NextShardIterator")).isTrue();
    }

    @Test
    @DisplayName("a closed shard read to its end answers no NextShardIterator (API_streams_GetRecords)")
    void closedShardReadToItsEndHasNoNextIterator() {
        StreamStoreFixture fixture = new StreamStoreFixture(1);
        String arn = fixture.enable("orders", "NEW_IMAGE");
        String shardId = fixture.shardIds(arn).get(0);
        fixture.insert(arn, "a", "1");
        fixture.insert(arn, "a", "2");
        String iterator = fixture.iterator(arn, shardId, "TRIM_HORIZON");
        fixture.store.rotateShards("orders");

        JsonNode partial = fixture.getRecords(iterator, 1);
        JsonNode last = fixture.getRecords(partial.get("NextShardIterator").asText(), 1);
        JsonNode latestOfClosed = fixture.getRecords(fixture.iterator(arn, shardId, "LATEST"));

        assertThat(partial.get("Records")).hasSize(1);
        assertThat(last.get("Records")).hasSize(1);
        assertThat(last.has("NextShardIterator")).isFalse();
        assertThat(latestOfClosed.get("Records")).isEmpty();
        assertThat(latestOfClosed.has("NextShardIterator")).isFalse();
    }

    @Test
    @DisplayName("empty pages occur although records lie further on (API_streams_GetRecords)")
    void emptyPagesKeepThePositionAndLoseNothing() {
        StreamStoreFixture fixture = new StreamStoreFixture(StreamStoreFixture.settings(1, null, 0, 0.5));
        String arn = fixture.enable("orders", "NEW_IMAGE");
        for (int i = 0; i < 30; i++) {
            fixture.insert(arn, "k", "v" + i);
        }
        String iterator = fixture.iterator(arn, fixture.shardIds(arn).get(0), "TRIM_HORIZON");

        List<JsonNode> records = new ArrayList<>();
        int emptyPages = 0;
        while (records.size() < 30) {
            JsonNode page = fixture.getRecords(iterator, 3);
            if (page.get("Records").isEmpty()) {
                emptyPages++;
            }
            page.get("Records").forEach(records::add);
            iterator = page.get("NextShardIterator").asText();
        }

        assertThat(emptyPages).isPositive();
        assertThat(StreamStoreFixture.values(records)).containsExactlyElementsOf(
                java.util.stream.IntStream.range(0, 30).mapToObj(i -> "v" + i).toList());
    }

    @Test
    void withoutEmptyPageRateEveryPageWithRecordsAheadHasRecords() {
        StreamStoreFixture fixture = new StreamStoreFixture(1);
        String arn = fixture.enable("orders", "NEW_IMAGE");
        for (int i = 0; i < 20; i++) {
            fixture.insert(arn, "k", "v" + i);
        }
        String iterator = fixture.iterator(arn, fixture.shardIds(arn).get(0), "TRIM_HORIZON");

        for (int page = 0; page < 10; page++) {
            JsonNode answer = fixture.getRecords(iterator, 2);
            assertThat(answer.get("Records")).hasSize(2);
            iterator = answer.get("NextShardIterator").asText();
        }
    }

    @Test
    @DisplayName("more readers of one shard than allowed answers LimitExceededException (Streams.html: no more than 2 processes per shard)")
    void readerBeyondTheLimitIsRefusedWhileOthersGoOn() {
        StreamStoreFixture fixture = new StreamStoreFixture(StreamStoreFixture.settings(1, null, 2, 0));
        String arn = fixture.enable("orders", "NEW_IMAGE");
        String shardId = fixture.shardIds(arn).get(0);
        fixture.insert(arn, "a", "1");
        String first = fixture.iterator(arn, shardId, "TRIM_HORIZON");
        String second = fixture.iterator(arn, shardId, "TRIM_HORIZON");
        String third = fixture.iterator(arn, shardId, "TRIM_HORIZON");

        String firstNext = fixture.getRecords(first).get("NextShardIterator").asText();
        fixture.getRecords(second);

        fixture.assertError("GetRecords", "{\"ShardIterator\":\"" + third + "\"}", "LimitExceededException");
        assertThat(fixture.getRecords(firstNext).hasNonNull("NextShardIterator")).isTrue();
    }

    @Test
    void readerLimitCountsShardsSeparately() {
        StreamStoreFixture fixture = new StreamStoreFixture(StreamStoreFixture.settings(2, null, 1, 0));
        String arn = fixture.enable("orders", "NEW_IMAGE");
        List<String> shardIds = fixture.shardIds(arn);

        JsonNode onFirst = fixture.getRecords(fixture.iterator(arn, shardIds.get(0), "TRIM_HORIZON"));
        JsonNode onSecond = fixture.getRecords(fixture.iterator(arn, shardIds.get(1), "TRIM_HORIZON"));

        assertThat(onFirst.hasNonNull("NextShardIterator")).isTrue();
        assertThat(onSecond.hasNonNull("NextShardIterator")).isTrue();
    }
}
