package io.github.dynamodbstream.emulator.internal.stream;

import java.io.IOException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dynamodbstream.emulator.internal.ApiException;
import io.github.dynamodbstream.emulator.internal.EmulatorClock;
import io.github.dynamodbstream.emulator.internal.EmulatorSettings;

import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A stream store on a clock that only moves when a test says so, with helpers that speak the wire format. */
final class StreamStoreFixture {

    static final Instant START = Instant.parse("2026-11-24T18:11:54.123Z");
    static final ObjectMapper MAPPER = new ObjectMapper();
    /** How long a stream stays ENABLING or DISABLING; time moves only when a test advances it. */
    static final Duration STATUS_DELAY = Duration.ofMillis(100);

    final EmulatorClock clock = new EmulatorClock(Clock.fixed(START, ZoneOffset.UTC));
    final StreamStore store;
    /** The tables that exist: every table a stream was enabled for. */
    private final Set<String> tables = new HashSet<>();

    StreamStoreFixture(int shardsPerStream) {
        this(settings(shardsPerStream, null, 0, 0.0));
    }

    StreamStoreFixture(EmulatorSettings settings) {
        store = new StreamStore(settings, clock);
    }

    static EmulatorSettings settings(int shardsPerStream, Duration rotation, int maxReaders, double emptyPageRate) {
        return new EmulatorSettings("eu-west-1", "123456789012", shardsPerStream, Duration.ofMinutes(15),
                Duration.ofHours(24), rotation, maxReaders, emptyPageRate, 42, STATUS_DELAY);
    }

    void advance(Duration duration) {
        clock.advance(duration);
        store.maintain(clock.now());
    }

    String enable(String table, String viewType) {
        ArrayNode keySchema = JsonNodeFactory.instance.arrayNode();
        keySchema.addObject().put("AttributeName", "id").put("KeyType", "HASH");
        tables.add(table);
        return store.enableStream(table, viewType, keySchema).streamArn();
    }

    static ObjectNode item(String id, String value) {
        ObjectNode item = JsonNodeFactory.instance.objectNode();
        item.putObject("id").put("S", id);
        if (value != null) {
            item.putObject("value").put("S", value);
        }
        return item;
    }

    void insert(String streamArn, String id, String value) {
        store.append(streamArn, new Change("INSERT", item(id, null), null, item(id, value), false, id));
    }

    void modify(String streamArn, String id, String oldValue, String newValue) {
        store.append(streamArn, new Change("MODIFY", item(id, null), item(id, oldValue), item(id, newValue), false, id));
    }

    void remove(String streamArn, String id, String oldValue, boolean timeToLive) {
        store.append(streamArn, new Change("REMOVE", item(id, null), item(id, oldValue), null, timeToLive, id));
    }

    /** Calls an operation and returns the response as a client would parse it. */
    JsonNode call(String operation, String requestJson) {
        store.maintain(clock.now());
        try {
            ObjectNode request = (ObjectNode) MAPPER.readTree(requestJson);
            JsonNode response = store.operations(tables::contains).get(operation).invoke(request);
            return MAPPER.readTree(MAPPER.writeValueAsBytes(response));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void assertError(String operation, String requestJson, String errorName) {
        assertThatThrownBy(() -> call(operation, requestJson))
                .isInstanceOf(ApiException.class)
                .extracting(e -> ((ApiException) e).errorName())
                .isEqualTo(errorName);
    }

    JsonNode describe(String streamArn) {
        return call("DescribeStream", "{\"StreamArn\":\"" + streamArn + "\"}").get("StreamDescription");
    }

    List<JsonNode> shards(String streamArn) {
        List<JsonNode> shards = new ArrayList<>();
        describe(streamArn).get("Shards").forEach(shards::add);
        return shards;
    }

    List<String> shardIds(String streamArn) {
        return shards(streamArn).stream().map(s -> s.get("ShardId").asText()).toList();
    }

    String iterator(String streamArn, String shardId, String type) {
        return call("GetShardIterator", "{\"StreamArn\":\"" + streamArn + "\",\"ShardId\":\"" + shardId
                + "\",\"ShardIteratorType\":\"" + type + "\"}").get("ShardIterator").asText();
    }

    String iterator(String streamArn, String shardId, String type, String sequenceNumber) {
        return call("GetShardIterator", "{\"StreamArn\":\"" + streamArn + "\",\"ShardId\":\"" + shardId
                + "\",\"ShardIteratorType\":\"" + type + "\",\"SequenceNumber\":\"" + sequenceNumber + "\"}")
                .get("ShardIterator").asText();
    }

    JsonNode getRecords(String iterator) {
        return call("GetRecords", "{\"ShardIterator\":\"" + iterator + "\"}");
    }

    JsonNode getRecords(String iterator, int limit) {
        return call("GetRecords", "{\"ShardIterator\":\"" + iterator + "\",\"Limit\":" + limit + "}");
    }

    /** Reads a shard from TRIM_HORIZON until no records are left (an open shard) or it ends (a closed shard). */
    List<JsonNode> readShard(String streamArn, String shardId) {
        List<JsonNode> records = new ArrayList<>();
        String iterator = iterator(streamArn, shardId, "TRIM_HORIZON");
        while (iterator != null) {
            JsonNode page = getRecords(iterator);
            page.get("Records").forEach(records::add);
            if (page.get("Records").isEmpty() && page.has("NextShardIterator")) {
                break;
            }
            iterator = page.hasNonNull("NextShardIterator") ? page.get("NextShardIterator").asText() : null;
        }
        return records;
    }

    /** Every record of the stream, shard by shard in DescribeStream order. */
    List<JsonNode> readStream(String streamArn) {
        List<JsonNode> records = new ArrayList<>();
        for (String shardId : shardIds(streamArn)) {
            records.addAll(readShard(streamArn, shardId));
        }
        return records;
    }

    static List<String> values(List<JsonNode> records) {
        return records.stream().map(r -> r.at("/dynamodb/NewImage/value/S").asText()).toList();
    }
}
