package io.github.dynamodbstream.emulator.internal.stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShardLineageTest {

    @Test
    void changesOfOneKeyStayInOneShardInOrder() {
        StreamStoreFixture fixture = new StreamStoreFixture(4);
        String arn = fixture.enable("orders", "NEW_IMAGE");
        for (int i = 0; i < 20; i++) {
            for (String key : List.of("a", "b", "c", "d", "e")) {
                fixture.insert(arn, key, key + i);
            }
        }

        for (String shardId : fixture.shardIds(arn)) {
            Map<String, List<String>> valuesByKey = fixture.readShard(arn, shardId).stream().collect(Collectors.groupingBy(
                    r -> r.at("/dynamodb/Keys/id/S").asText(), Collectors.mapping(r -> r.at("/dynamodb/NewImage/value/S").asText(), Collectors.toList())));
            valuesByKey.forEach((key, values) -> assertThat(values).hasSize(20).first().isEqualTo(key + 0));
            valuesByKey.forEach((key, values) -> assertThat(values).last().isEqualTo(key + 19));
        }
        assertThat(fixture.readStream(arn)).hasSize(100);
    }

    @Test
    void keysSpreadOverEveryOpenShard() {
        StreamStoreFixture fixture = new StreamStoreFixture(4);
        String arn = fixture.enable("orders", "KEYS_ONLY");
        for (int i = 0; i < 400; i++) {
            fixture.insert(arn, "customer-" + i, null);
        }

        for (String shardId : fixture.shardIds(arn)) {
            assertThat(fixture.readShard(arn, shardId)).hasSizeGreaterThan(40);
        }
    }

    @Test
    void rotationClosesEveryOpenShardAndOpensOneChildEach() {
        StreamStoreFixture fixture = new StreamStoreFixture(2);
        String arn = fixture.enable("orders", "NEW_IMAGE");
        List<String> parents = fixture.shardIds(arn);
        fixture.insert(arn, "a", "before");

        fixture.store.rotateShards("orders");
        fixture.insert(arn, "a", "after");

        List<JsonNode> shards = fixture.shards(arn);
        assertThat(shards).hasSize(4);
        assertThat(shards.subList(0, 2)).allMatch(s -> s.at("/SequenceNumberRange").has("EndingSequenceNumber"));
        assertThat(shards.subList(2, 4)).noneMatch(s -> s.at("/SequenceNumberRange").has("EndingSequenceNumber"));
        assertThat(shards.subList(2, 4).stream().map(s -> s.get("ParentShardId").asText())).containsExactlyElementsOf(parents);
        String parentOfA = shardHolding(fixture, arn, "before");
        String childOfA = shardHolding(fixture, arn, "after");
        assertThat(parentOf(shards, childOfA)).isEqualTo(parentOfA);
    }

    @Test
    void closedShardEndsAtItsLastRecordAndChildStartsAfterIt() {
        StreamStoreFixture fixture = new StreamStoreFixture(1);
        String arn = fixture.enable("orders", "NEW_IMAGE");
        fixture.insert(arn, "a", "1");

        fixture.store.rotateShards("orders");

        List<JsonNode> shards = fixture.shards(arn);
        String lastSequenceNumber = fixture.readShard(arn, shards.get(0).get("ShardId").asText()).get(0)
                .at("/dynamodb/SequenceNumber").asText();
        assertThat(shards.get(0).at("/SequenceNumberRange/EndingSequenceNumber").asText()).isEqualTo(lastSequenceNumber);
        assertThat(new BigInteger(shards.get(1).at("/SequenceNumberRange/StartingSequenceNumber").asText()))
                .isGreaterThan(new BigInteger(lastSequenceNumber));
    }

    @Test
    void splitHalvesTheHashRangeBetweenTwoChildren() {
        StreamStoreFixture fixture = new StreamStoreFixture(1);
        String arn = fixture.enable("orders", "NEW_IMAGE");
        String parent = fixture.shardIds(arn).get(0);

        fixture.store.splitShard("orders", parent);
        for (int i = 0; i < 200; i++) {
            fixture.insert(arn, "k" + i, "v" + i);
        }

        List<JsonNode> shards = fixture.shards(arn);
        assertThat(shards).hasSize(3);
        assertThat(shards.subList(1, 3)).allMatch(s -> s.get("ParentShardId").asText().equals(parent));
        Set<String> keysSeen = new HashSet<>();
        for (JsonNode child : shards.subList(1, 3)) {
            List<JsonNode> records = fixture.readShard(arn, child.get("ShardId").asText());
            assertThat(records).hasSizeBetween(60, 140);
            records.forEach(r -> assertThat(keysSeen.add(r.at("/dynamodb/Keys/id/S").asText())).isTrue());
        }
        assertThat(keysSeen).hasSize(200);
    }

    @Test
    void automaticRotationClosesAtTheDueTimeAndCatchesUpSeveralIntervals() {
        StreamStoreFixture fixture = new StreamStoreFixture(StreamStoreFixture.settings(1, Duration.ofHours(4), 0, 0));
        String arn = fixture.enable("orders", "NEW_IMAGE");

        fixture.advance(Duration.ofHours(13));
        fixture.insert(arn, "a", "late");

        List<JsonNode> shards = fixture.shards(arn);
        assertThat(shards).hasSize(4);
        for (int i = 1; i < shards.size(); i++) {
            assertThat(shards.get(i).get("ParentShardId").asText()).isEqualTo(shards.get(i - 1).get("ShardId").asText());
            long idMillis = Long.parseLong(shards.get(i).get("ShardId").asText().substring(8, 28));
            assertThat(idMillis).isEqualTo(StreamStoreFixture.START.plus(Duration.ofHours(4L * i)).toEpochMilli());
        }
        assertThat(shards.subList(0, 3)).allMatch(s -> s.at("/SequenceNumberRange").has("EndingSequenceNumber"));
        assertThat(fixture.readShard(arn, shards.get(3).get("ShardId").asText())).hasSize(1);
    }

    @Test
    void automaticRotationAfterAJumpOfDaysKeepsOnlyShardsStillInRetention() {
        StreamStoreFixture fixture = new StreamStoreFixture(StreamStoreFixture.settings(2, Duration.ofHours(4), 0, 0));
        String arn = fixture.enable("orders", "NEW_IMAGE");

        fixture.advance(Duration.ofDays(10));

        List<JsonNode> shards = fixture.shards(arn);
        assertThat(shards.size()).isBetween(2, 2 * 7);
        assertThat(shards.stream().filter(s -> !s.at("/SequenceNumberRange").has("EndingSequenceNumber"))).hasSize(2);
    }

    @Test
    void noRotationWithoutAnInterval() {
        StreamStoreFixture fixture = new StreamStoreFixture(2);
        String arn = fixture.enable("orders", "NEW_IMAGE");

        fixture.advance(Duration.ofHours(20));

        assertThat(fixture.shards(arn)).hasSize(2);
    }

    @Test
    void controlMethodsRejectUnknownTablesAndShards() {
        StreamStoreFixture fixture = new StreamStoreFixture(1);
        String arn = fixture.enable("orders", "NEW_IMAGE");
        String shardId = fixture.shardIds(arn).get(0);

        assertThatThrownBy(() -> fixture.store.rotateShards("missing"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missing");
        assertThatThrownBy(() -> fixture.store.splitShard("orders", "shardId-nope"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shardId-nope");
        fixture.store.rotateShards("orders");
        assertThatThrownBy(() -> fixture.store.splitShard("orders", shardId))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an open shard");
    }

    @Test
    void childShardsFilterListsOnlyTheChildrenOfOneShard() {
        StreamStoreFixture fixture = new StreamStoreFixture(2);
        String arn = fixture.enable("orders", "NEW_IMAGE");
        List<String> parents = fixture.shardIds(arn);
        fixture.store.splitShard("orders", parents.get(0));

        JsonNode children = fixture.call("DescribeStream", "{\"StreamArn\":\"" + arn
                + "\",\"ShardFilter\":{\"Type\":\"CHILD_SHARDS\",\"ShardId\":\"" + parents.get(0) + "\"}}");
        JsonNode none = fixture.call("DescribeStream", "{\"StreamArn\":\"" + arn
                + "\",\"ShardFilter\":{\"Type\":\"CHILD_SHARDS\",\"ShardId\":\"" + parents.get(1) + "\"}}");

        assertThat(children.at("/StreamDescription/Shards")).hasSize(2)
                .allMatch(s -> s.get("ParentShardId").asText().equals(parents.get(0)));
        assertThat(none.at("/StreamDescription/Shards")).isEmpty();
        fixture.assertError("DescribeStream", "{\"StreamArn\":\"" + arn + "\",\"ShardFilter\":{\"Type\":\"PARENT\",\"ShardId\":\"x\"}}",
                "ValidationException");
    }

    private static String shardHolding(StreamStoreFixture fixture, String arn, String value) {
        return fixture.shardIds(arn).stream()
                .filter(id -> StreamStoreFixture.values(fixture.readShard(arn, id)).contains(value))
                .findFirst().orElseThrow();
    }

    private static String parentOf(List<JsonNode> shards, String shardId) {
        Map<String, JsonNode> byId = shards.stream().collect(Collectors.toMap(s -> s.get("ShardId").asText(), Function.identity()));
        return byId.get(shardId).get("ParentShardId").asText();
    }
}
