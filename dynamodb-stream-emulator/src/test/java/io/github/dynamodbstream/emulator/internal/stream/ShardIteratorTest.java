package io.github.dynamodbstream.emulator.internal.stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ShardIteratorTest {

    private final StreamStoreFixture fixture = new StreamStoreFixture(1);
    private String arn;
    private String shardId;
    private List<String> sequenceNumbers;

    @BeforeEach
    void writeThreeRecords() {
        arn = fixture.enable("orders", "NEW_IMAGE");
        shardId = fixture.shardIds(arn).get(0);
        fixture.insert(arn, "a", "1");
        fixture.insert(arn, "a", "2");
        fixture.insert(arn, "a", "3");
        sequenceNumbers = fixture.readShard(arn, shardId).stream().map(r -> r.at("/dynamodb/SequenceNumber").asText()).toList();
    }

    @Test
    @DisplayName("the four iterator types start where API_streams_GetShardIterator says")
    void iteratorTypesStartWhereDocumented() {
        assertThat(values(fixture.iterator(arn, shardId, "TRIM_HORIZON"))).containsExactly("1", "2", "3");
        assertThat(values(fixture.iterator(arn, shardId, "LATEST"))).isEmpty();
        assertThat(values(fixture.iterator(arn, shardId, "AT_SEQUENCE_NUMBER", sequenceNumbers.get(1)))).containsExactly("2", "3");
        assertThat(values(fixture.iterator(arn, shardId, "AFTER_SEQUENCE_NUMBER", sequenceNumbers.get(1)))).containsExactly("3");
    }

    @Test
    void everyIteratorIsANewStringEvenAtTheSamePositionInTheSameMillisecond() {
        String latest = fixture.iterator(arn, shardId, "LATEST");
        String next = fixture.getRecords(latest).get("NextShardIterator").asText();
        String again = fixture.getRecords(next).get("NextShardIterator").asText();

        assertThat(List.of(latest, next, again)).doesNotHaveDuplicates();
        assertThat(fixture.iterator(arn, shardId, "LATEST")).isNotEqualTo(latest);
    }

    @Test
    void latestIteratorSeesOnlyLaterRecords() {
        String latest = fixture.iterator(arn, shardId, "LATEST");

        fixture.insert(arn, "a", "4");

        assertThat(values(latest)).containsExactly("4");
    }

    @Test
    @DisplayName("a sequence number type without a sequence number, or outside the shard, is a ValidationException (API_streams_GetShardIterator)")
    void sequenceNumberMissingOrOutOfRangeIsValidationError() {
        String base = "{\"StreamArn\":\"" + arn + "\",\"ShardId\":\"" + shardId + "\",";

        fixture.assertError("GetShardIterator", base + "\"ShardIteratorType\":\"AT_SEQUENCE_NUMBER\"}", "ValidationException");
        fixture.assertError("GetShardIterator", base + "\"ShardIteratorType\":\"AFTER_SEQUENCE_NUMBER\",\"SequenceNumber\":\"12\"}", "ValidationException");
        fixture.assertError("GetShardIterator", base + "\"ShardIteratorType\":\"AT_SEQUENCE_NUMBER\",\"SequenceNumber\":\"abc\"}", "ValidationException");
        fixture.assertError("GetShardIterator", base + "\"ShardIteratorType\":\"AT_TIMESTAMP\"}", "ValidationException");
        fixture.store.rotateShards("orders");
        String child = fixture.shardIds(arn).get(1);
        fixture.assertError("GetShardIterator", "{\"StreamArn\":\"" + arn + "\",\"ShardId\":\"" + child
                + "\",\"ShardIteratorType\":\"AT_SEQUENCE_NUMBER\",\"SequenceNumber\":\"" + sequenceNumbers.get(0) + "\"}",
                "ValidationException");
    }

    @Test
    void unknownStreamOrShardIsResourceNotFound() {
        fixture.assertError("GetShardIterator", "{\"StreamArn\":\"" + arn + "\",\"ShardId\":\"shardId-00000000000000000000-00000000\","
                + "\"ShardIteratorType\":\"LATEST\"}", "ResourceNotFoundException");
        fixture.assertError("GetShardIterator", "{\"StreamArn\":\"" + arn + "x\",\"ShardId\":\"" + shardId + "\","
                + "\"ShardIteratorType\":\"LATEST\"}", "ResourceNotFoundException");
    }

    @Test
    @DisplayName("an iterator expires after its lifetime (API_streams_GetShardIterator: 15 minutes)")
    void iteratorExpiresAfterItsLifetime() {
        String iterator = fixture.iterator(arn, shardId, "TRIM_HORIZON");
        fixture.advance(Duration.ofMinutes(15));
        String stillValid = fixture.getRecords(iterator, 1).get("NextShardIterator").asText();

        fixture.advance(Duration.ofMinutes(1));

        fixture.assertError("GetRecords", "{\"ShardIterator\":\"" + iterator + "\"}", "ExpiredIteratorException");
        assertThat(fixture.getRecords(stillValid).get("Records")).hasSize(2);
    }

    @Test
    void expireIteratorsInvalidatesEveryIteratorIssuedSoFar() {
        String before = fixture.iterator(arn, shardId, "TRIM_HORIZON");
        String next = fixture.getRecords(before, 1).get("NextShardIterator").asText();

        fixture.store.expireIterators();

        fixture.assertError("GetRecords", "{\"ShardIterator\":\"" + before + "\"}", "ExpiredIteratorException");
        fixture.assertError("GetRecords", "{\"ShardIterator\":\"" + next + "\"}", "ExpiredIteratorException");
        assertThat(values(fixture.iterator(arn, shardId, "TRIM_HORIZON"))).containsExactly("1", "2", "3");
    }

    @Test
    void malformedIteratorIsValidationError() {
        fixture.assertError("GetRecords", "{\"ShardIterator\":\"not-an-iterator\"}", "ValidationException");
        fixture.assertError("GetRecords", "{}", "ValidationException");
    }

    private List<String> values(String iterator) {
        List<JsonNode> records = new ArrayList<>();
        fixture.getRecords(iterator).get("Records").forEach(records::add);
        return StreamStoreFixture.values(records);
    }
}
