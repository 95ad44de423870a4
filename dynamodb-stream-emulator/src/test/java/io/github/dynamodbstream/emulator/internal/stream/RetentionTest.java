package io.github.dynamodbstream.emulator.internal.stream;

import io.github.dynamodbstream.emulator.internal.EmulatorSettings;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class RetentionTest {

    private final StreamStoreFixture fixture = new StreamStoreFixture(1);

    @Test
    @DisplayName("records older than the retention period are trimmed (Streams.html: data retention 24 hours)")
    void recordsOlderThanRetentionAreTrimmed() {
        String arn = fixture.enable("orders", "NEW_IMAGE");
        fixture.insert(arn, "a", "old");
        fixture.advance(Duration.ofHours(12));
        fixture.insert(arn, "b", "recent");

        fixture.advance(Duration.ofHours(12).plusSeconds(2));

        assertThat(StreamStoreFixture.values(fixture.readStream(arn))).containsExactly("recent");
    }

    @Test
    @DisplayName("an iterator whose records were trimmed since it was issued answers TrimmedDataAccessException (API_streams_GetRecords)")
    void iteratorBeforeTheTrimHorizonIsTrimmed() {
        StreamStoreFixture longLived = new StreamStoreFixture(new EmulatorSettings(
                "eu-west-1", "123456789012", 1, Duration.ofDays(2), Duration.ofHours(24), null, 0, 0, 1,
                Duration.ZERO));
        String arn = longLived.enable("orders", "NEW_IMAGE");
        longLived.insert(arn, "a", "1");
        String iterator = longLived.iterator(arn, longLived.shardIds(arn).get(0), "TRIM_HORIZON");

        longLived.advance(Duration.ofHours(25));

        longLived.assertError("GetRecords", "{\"ShardIterator\":\"" + iterator + "\"}", "TrimmedDataAccessException");
    }

    @Test
    @DisplayName("a sequence number older than the trim horizon answers TrimmedDataAccessException (API_streams_GetShardIterator)")
    void sequenceNumberBeforeTheTrimHorizonIsTrimmed() {
        String arn = fixture.enable("orders", "NEW_IMAGE");
        String shardId = fixture.shardIds(arn).get(0);
        fixture.insert(arn, "a", "1");
        String trimmed = fixture.readShard(arn, shardId).get(0).at("/dynamodb/SequenceNumber").asText();
        fixture.advance(Duration.ofHours(23));
        fixture.insert(arn, "b", "2");

        fixture.advance(Duration.ofHours(2));

        String request = "{\"StreamArn\":\"" + arn + "\",\"ShardId\":\"" + shardId
                + "\",\"ShardIteratorType\":\"AT_SEQUENCE_NUMBER\",\"SequenceNumber\":\"" + trimmed + "\"}";
        fixture.assertError("GetShardIterator", request, "TrimmedDataAccessException");
        String afterTrimmed = fixture.iterator(arn, shardId, "AFTER_SEQUENCE_NUMBER", trimmed);
        assertThat(fixture.getRecords(afterTrimmed).at("/Records/0/dynamodb/NewImage/value/S").asText()).isEqualTo("2");
    }

    @Test
    @DisplayName("a closed shard leaves the stream once its records aged out (API_streams_DescribeStream)")
    void closedShardLeavesTheStreamOnceItsRecordsAgedOut() {
        String arn = fixture.enable("orders", "NEW_IMAGE");
        String parent = fixture.shardIds(arn).get(0);
        fixture.insert(arn, "a", "1");
        fixture.store.rotateShards("orders");

        fixture.advance(Duration.ofHours(23));
        assertThat(fixture.shardIds(arn)).contains(parent);

        fixture.advance(Duration.ofHours(1).plusSeconds(1));
        assertThat(fixture.shardIds(arn)).doesNotContain(parent).hasSize(1);
        fixture.assertError("GetShardIterator", "{\"StreamArn\":\"" + arn + "\",\"ShardId\":\"" + parent
                + "\",\"ShardIteratorType\":\"TRIM_HORIZON\"}", "ResourceNotFoundException");
    }

    @Test
    void openShardStaysAfterItsRecordsAgedOut() {
        String arn = fixture.enable("orders", "NEW_IMAGE");
        fixture.insert(arn, "a", "1");

        fixture.advance(Duration.ofDays(3));

        assertThat(fixture.shardIds(arn)).hasSize(1);
        assertThat(fixture.readStream(arn)).isEmpty();
    }

    @Test
    void disabledStreamIsReadableUntilItAgesOutThenDisappears() {
        String arn = fixture.enable("orders", "NEW_IMAGE");
        fixture.insert(arn, "a", "1");
        fixture.store.disableStream(arn);

        fixture.advance(Duration.ofHours(23));
        assertThat(StreamStoreFixture.values(fixture.readStream(arn))).containsExactly("1");

        fixture.advance(Duration.ofHours(2));
        fixture.assertError("DescribeStream", "{\"StreamArn\":\"" + arn + "\"}", "ResourceNotFoundException");
        assertThat(fixture.call("ListStreams", "{}").get("Streams")).isEmpty();
    }
}
