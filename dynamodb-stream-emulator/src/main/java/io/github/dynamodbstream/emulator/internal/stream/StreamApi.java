package io.github.dynamodbstream.emulator.internal.stream;

import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.github.dynamodbstream.emulator.internal.ApiError;
import io.github.dynamodbstream.emulator.internal.ApiException;
import io.github.dynamodbstream.emulator.internal.EmulatorClock;
import io.github.dynamodbstream.emulator.internal.EmulatorSettings;

import java.math.BigDecimal;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;

/** ListStreams, DescribeStream, GetShardIterator and GetRecords over the {@link StreamStore}'s state. */
final class StreamApi {

    private static final int MAX_PAGE_BYTES = 1024 * 1024;
    private static final List<String> ITERATOR_TYPES =
            List.of("TRIM_HORIZON", "LATEST", "AT_SEQUENCE_NUMBER", "AFTER_SEQUENCE_NUMBER");

    private final StreamStore store;
    private final EmulatorClock clock;
    private final long iteratorLifetimeMillis;
    private final int maxReadersPerShard;
    private final double emptyPageRate;
    private final Random emptyPageRandom;
    private long iteratorGeneration;
    private long lastReaderId;

    StreamApi(StreamStore store, EmulatorSettings settings, EmulatorClock clock) {
        this.store = store;
        this.clock = clock;
        this.iteratorLifetimeMillis = settings.iteratorLifetime().toMillis();
        this.maxReadersPerShard = settings.maxReadersPerShard();
        this.emptyPageRate = settings.emptyPageRate();
        this.emptyPageRandom = new Random(settings.seed());
    }

    void expireIterators() {
        iteratorGeneration++;
    }

    JsonNode listStreams(ObjectNode request, Predicate<String> tableExists) {
        String tableName = Requests.optionalString(request, "TableName");
        if (tableName != null && !tableExists.test(tableName)) {
            throw ApiError.RESOURCE_NOT_FOUND.exception("Requested resource not found: Table: " + tableName
                    + " not found");
        }
        int limit = Requests.optionalInt(request, "Limit", 1, 100, 100);
        String exclusiveStart = Requests.optionalString(request, "ExclusiveStartStreamArn");
        ObjectNode response = JsonNodeFactory.instance.objectNode();
        ArrayNode page = response.putArray("Streams");
        boolean started = exclusiveStart == null;
        String lastListed = null;
        for (Stream stream : store.streams()) {
            if (!started) {
                started = stream.arn().equals(exclusiveStart);
                continue;
            }
            if (tableName != null && !tableName.equals(stream.tableName())) {
                continue;
            }
            if (page.size() == limit) {
                response.put("LastEvaluatedStreamArn", lastListed);
                break;
            }
            page.addObject()
                    .put("StreamArn", stream.arn())
                    .put("TableName", stream.tableName())
                    .put("StreamLabel", stream.label());
            lastListed = stream.arn();
        }
        if (!started) {
            throw ApiException.validation("ExclusiveStartStreamArn " + exclusiveStart + " is not a stream of this"
                    + " endpoint; pass the LastEvaluatedStreamArn of the previous ListStreams page");
        }
        return response;
    }

    JsonNode describeStream(ObjectNode request) {
        String streamArn = Requests.requiredString(request, "StreamArn");
        int limit = Requests.optionalInt(request, "Limit", 1, 100, 100);
        String exclusiveStart = Requests.optionalString(request, "ExclusiveStartShardId");
        String parentFilter = childShardsFilter(request.get("ShardFilter"));
        Stream stream = requireStream(streamArn);

        ObjectNode response = JsonNodeFactory.instance.objectNode();
        ObjectNode description = response.putObject("StreamDescription");
        description.put("StreamArn", stream.arn());
        description.put("StreamLabel", stream.label());
        description.put("StreamStatus", stream.statusAt(clock.now().toEpochMilli()));
        description.put("StreamViewType", stream.viewType());
        description.put("CreationRequestDateTime", BigDecimal.valueOf(stream.createdMillis(), 3));
        description.put("TableName", stream.tableName());
        description.set("KeySchema", stream.keySchema().deepCopy());
        ArrayNode shards = description.putArray("Shards");
        List<Shard> all = stream.shards();
        String lastListed = null;
        for (int i = exclusiveStart == null ? 0 : stream.indexAfter(exclusiveStart); i < all.size(); i++) {
            Shard shard = all.get(i);
            if (parentFilter != null && !parentFilter.equals(shard.parentId())) {
                continue;
            }
            if (shards.size() == limit) {
                description.put("LastEvaluatedShardId", lastListed);
                break;
            }
            shards.add(describe(shard));
            lastListed = shard.id();
        }
        return response;
    }

    JsonNode getShardIterator(ObjectNode request) {
        String streamArn = Requests.requiredString(request, "StreamArn");
        String shardId = Requests.requiredString(request, "ShardId");
        String type = Requests.requiredString(request, "ShardIteratorType");
        String sequenceText = Requests.optionalString(request, "SequenceNumber");
        if (!ITERATOR_TYPES.contains(type)) {
            throw ApiException.validation("1 validation error detected: Value '" + type + "' at 'shardIteratorType'"
                    + " failed to satisfy constraint: Member must satisfy enum value set: " + ITERATOR_TYPES);
        }
        Stream stream = requireStream(streamArn);
        Shard shard = stream.shard(shardId);
        if (shard == null) {
            throw ApiError.RESOURCE_NOT_FOUND.exception("Requested resource not found: Shard " + shardId + " of stream "
                    + streamArn + " not found; it never existed or aged out. List the shards with DescribeStream");
        }
        RecordLog log = shard.log();
        long position = switch (type) {
            case "TRIM_HORIZON" -> log.firstIndex();
            case "LATEST" -> log.endIndex();
            default -> sequencePosition(shard, type, sequenceText);
        };
        ShardIterator iterator = ShardIterator.issue(streamArn, shardId, position, nowMillis(), iteratorGeneration,
                ++lastReaderId);
        return JsonNodeFactory.instance.objectNode().put("ShardIterator", iterator.encode());
    }

    JsonNode getRecords(ObjectNode request) {
        String text = Requests.requiredString(request, "ShardIterator");
        int limit = Requests.optionalInt(request, "Limit", 1, 1000, 1000);
        ShardIterator iterator = ShardIterator.decode(text);
        long now = nowMillis();
        if (iterator.generation() < iteratorGeneration || now - iterator.issuedMillis() > iteratorLifetimeMillis) {
            throw ApiError.EXPIRED_ITERATOR.exception("Iterator expired: shard iterators are valid for "
                    + iteratorLifetimeMillis / 1000 + " s after they are issued. Get a new one with GetShardIterator,"
                    + " AFTER_SEQUENCE_NUMBER of the last record you processed");
        }
        Stream stream = store.stream(iterator.streamArn());
        Shard shard = stream == null ? null : stream.shard(iterator.shardId());
        if (shard == null) {
            throw ApiError.TRIMMED_DATA_ACCESS.exception("Shard " + iterator.shardId() + " aged out of stream "
                    + iterator.streamArn() + " with its records; list the current shards with DescribeStream");
        }
        RecordLog log = shard.log();
        if (iterator.position() < log.firstIndex()) {
            throw ApiError.TRIMMED_DATA_ACCESS.exception("The iterator points at records of shard " + shard.id()
                    + " that were trimmed after the retention period; restart from TRIM_HORIZON");
        }
        if (maxReadersPerShard > 0 && !shard.readers().admit(iterator.readerId(), System.nanoTime(), maxReadersPerShard)) {
            throw ApiError.LIMIT_EXCEEDED.exception("Shard " + shard.id() + " is already read by " + maxReadersPerShard
                    + " readers; read each shard with at most " + maxReadersPerShard + " processes and retry later");
        }
        long position = iterator.position();
        long end = log.endIndex();
        ObjectNode response = JsonNodeFactory.instance.objectNode();
        ArrayNode records = response.putArray("Records");
        boolean emptyPage = position < end && emptyPageRate > 0 && emptyPageRandom.nextDouble() < emptyPageRate;
        if (!emptyPage) {
            long pageBytes = 0;
            while (position < end && records.size() < limit) {
                int size = log.sizeAt(position);
                if (records.size() > 0 && pageBytes + size > MAX_PAGE_BYTES) {
                    break;
                }
                SerializedString json = log.jsonAt(position);
                records.addRawValue(new RawValue(json));
                pageBytes += size;
                position++;
            }
        }
        if (shard.isOpen() || position < end) {
            response.put("NextShardIterator", iterator.at(position, now).encode());
        }
        return response;
    }

    private long sequencePosition(Shard shard, String type, String sequenceText) {
        if (sequenceText == null) {
            throw ApiException.validation("SequenceNumber is required with ShardIteratorType " + type
                    + "; pass the SequenceNumber of a record of shard " + shard.id());
        }
        long sequenceNumber = SequenceNumbers.parse(sequenceText);
        long rangeEnd = shard.lastSequenceNumberOfRange(store.lastSequenceNumber());
        if (sequenceNumber < shard.startingSequenceNumber() || sequenceNumber > rangeEnd) {
            throw ApiException.validation("Invalid SequenceNumber " + sequenceText + " for shard " + shard.id()
                    + ": it is outside the shard's SequenceNumberRange (from "
                    + SequenceNumbers.format(shard.startingSequenceNumber()) + ")");
        }
        boolean at = "AT_SEQUENCE_NUMBER".equals(type);
        long lastTrimmed = shard.lastTrimmedSequenceNumber();
        if (at ? sequenceNumber <= lastTrimmed : sequenceNumber < lastTrimmed) {
            throw ApiError.TRIMMED_DATA_ACCESS.exception("Sequence number " + sequenceText + " of shard " + shard.id()
                    + " is older than the stream's retention period; restart from TRIM_HORIZON");
        }
        return shard.log().indexAtOrAfter(at ? sequenceNumber : sequenceNumber + 1);
    }

    private static String childShardsFilter(JsonNode filter) {
        if (filter == null || filter.isNull()) {
            return null;
        }
        String type = Requests.optionalString(filter, "Type");
        if (!"CHILD_SHARDS".equals(type)) {
            throw ApiException.validation("1 validation error detected: Value '" + type + "' at 'shardFilter.type'"
                    + " failed to satisfy constraint: Member must satisfy enum value set: [CHILD_SHARDS]");
        }
        String shardId = Requests.optionalString(filter, "ShardId");
        if (shardId == null) {
            throw ApiException.validation("ShardFilter of type CHILD_SHARDS needs a ShardId: the parent shard whose"
                    + " children to list");
        }
        return shardId;
    }

    private ObjectNode describe(Shard shard) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("ShardId", shard.id());
        if (shard.parentId() != null) {
            node.put("ParentShardId", shard.parentId());
        }
        ObjectNode range = node.putObject("SequenceNumberRange");
        range.put("StartingSequenceNumber", SequenceNumbers.format(shard.startingSequenceNumber()));
        if (!shard.isOpen()) {
            range.put("EndingSequenceNumber", SequenceNumbers.format(shard.endingSequenceNumber()));
        }
        return node;
    }

    private Stream requireStream(String streamArn) {
        Stream stream = store.stream(streamArn);
        if (stream == null) {
            throw ApiError.RESOURCE_NOT_FOUND.exception("Requested resource not found: Stream: " + streamArn
                    + " not found; find the stream ARN with ListStreams or DescribeTable (LatestStreamArn)");
        }
        return stream;
    }

    private long nowMillis() {
        return clock.now().toEpochMilli();
    }
}
