package io.github.dynamodbstream.emulator.internal.stream;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.github.dynamodbstream.emulator.internal.EmulatorClock;
import io.github.dynamodbstream.emulator.internal.EmulatorSettings;
import io.github.dynamodbstream.emulator.internal.Operation;
import io.github.dynamodbstream.emulator.internal.StatusTransition;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;

/**
 * The streams of every table: shards, routing of changes to shards, rotation, splits and retention. Every
 * method runs under the emulator's lock.
 */
public final class StreamStore implements TableStreams {

    private static final DateTimeFormatter LABEL_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS");

    private final EmulatorSettings settings;
    private final EmulatorClock clock;
    private final RecordRenderer renderer;
    private final Random shardIdRandom;
    private final Random eventIdRandom;
    private final long retentionMillis;
    private final long rotationMillis;
    private final Map<String, Stream> streams = new LinkedHashMap<>();
    private final Map<String, Long> lastLabelMillisByTable = new HashMap<>();
    private final StreamApi api;
    private long lastSequenceNumber;
    private long nextMaintenanceMillis = Long.MAX_VALUE;

    public StreamStore(EmulatorSettings settings, EmulatorClock clock) {
        if (settings.shardsPerStream() < 1) {
            throw new IllegalArgumentException("shardsPerStream must be at least 1, got " + settings.shardsPerStream());
        }
        this.settings = settings;
        this.clock = clock;
        this.renderer = new RecordRenderer(settings.region());
        this.shardIdRandom = new Random(settings.seed());
        this.eventIdRandom = new Random(~settings.seed());
        this.retentionMillis = settings.retention().toMillis();
        this.rotationMillis = settings.rotationInterval() == null ? 0 : settings.rotationInterval().toMillis();
        this.api = new StreamApi(this, settings, clock);
    }

    /**
     * The Streams API operations, keyed by their wire names.
     *
     * @param tableExists whether a table of that name exists (ListStreams for another table is an error)
     */
    public Map<String, Operation> operations(Predicate<String> tableExists) {
        Map<String, Operation> operations = new LinkedHashMap<>();
        operations.put("ListStreams", request -> api.listStreams(request, tableExists));
        operations.put("DescribeStream", api::describeStream);
        operations.put("GetShardIterator", api::getShardIterator);
        operations.put("GetRecords", api::getRecords);
        return Map.copyOf(operations);
    }

    @Override
    public StreamRef enableStream(String tableName, String viewType, ArrayNode keySchema) {
        long now = nowMillis();
        for (Stream stream : streams.values()) {
            if (stream.tableName().equals(tableName) && stream.isEnabled()) {
                disable(stream, now);
            }
        }
        long labelMillis = Math.max(now, lastLabelMillisByTable.getOrDefault(tableName, Long.MIN_VALUE) + 1);
        lastLabelMillisByTable.put(tableName, labelMillis);
        String label = LocalDateTime.ofInstant(Instant.ofEpochMilli(labelMillis), ZoneOffset.UTC).format(LABEL_FORMAT);
        String arn = "arn:aws:dynamodb:" + settings.region() + ":" + settings.accountId() + ":table/" + tableName
                + "/stream/" + label;
        Stream stream = new Stream(arn, label, tableName, viewType, keySchema.deepCopy(), now,
                StatusTransition.start("ENABLING", "ENABLED", now, settings.statusDelay()));
        int count = settings.shardsPerStream();
        long width = Long.MAX_VALUE / count;
        List<Shard> open = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long start = i * width;
            long end = i == count - 1 ? Long.MAX_VALUE : (i + 1) * width - 1;
            open.add(newShard(stream, null, start, end, now));
        }
        stream.setOpenShards(open);
        streams.put(arn, stream);
        return new StreamRef(arn, label);
    }

    @Override
    public void disableStream(String streamArn) {
        Stream stream = streams.get(streamArn);
        if (stream == null) {
            throw new IllegalArgumentException("No stream " + streamArn + " to disable; known streams: " + streams.keySet());
        }
        if (stream.isEnabled()) {
            disable(stream, nowMillis());
        }
    }

    @Override
    public void tableDeleted(String tableName) {
        long now = nowMillis();
        for (Stream stream : streams.values()) {
            if (stream.tableName().equals(tableName) && stream.isEnabled()) {
                disable(stream, now);
            }
        }
    }

    @Override
    public void append(String streamArn, Change change) {
        Stream stream = streams.get(streamArn);
        if (stream == null) {
            throw new IllegalArgumentException("No stream " + streamArn + " to append a change to");
        }
        if (!stream.isEnabled()) {
            return;
        }
        Shard shard = stream.route(hash(change.partitionKey()));
        long now = nowMillis();
        long sequenceNumber = ++lastSequenceNumber;
        String eventId = hex16(eventIdRandom.nextLong()) + hex16(sequenceNumber);
        RecordRenderer.Rendered rendered = renderer.render(change, stream.viewType(), eventId,
                SequenceNumbers.format(sequenceNumber), now);
        boolean wasEmpty = shard.log().isEmpty();
        shard.append(sequenceNumber, now, rendered);
        if (wasEmpty) {
            scheduleTrim(now);
        }
    }

    /**
     * Runs what is due at {@code now}: automatic rotation of open shards and the retention of records and shards.
     * Costs one comparison when nothing is due.
     */
    public void maintain(Instant now) {
        long nowMillis = now.toEpochMilli();
        if (nowMillis >= nextMaintenanceMillis) {
            runMaintenance(nowMillis);
        }
    }

    /** Closes every open shard of the table's current stream and opens one child for each, with the same range. */
    public void rotateShards(String tableName) {
        Stream stream = currentStream(tableName);
        long now = nowMillis();
        List<Shard> open = new ArrayList<>();
        for (Shard shard : stream.openShards()) {
            shard.close(now);
            open.add(newShard(stream, shard.id(), shard.hashStart(), shard.hashEnd(), now));
            scheduleDrop(shard);
        }
        stream.setOpenShards(open);
    }

    /** The ids of the open shards of the table's current stream, in the order of their hash ranges. */
    public List<String> openShardIds(String tableName) {
        return List.of(currentStream(tableName).openShards()).stream().map(Shard::id).toList();
    }

    /** Closes one open shard of the table's current stream and opens two children that split its hash range. */
    public void splitShard(String tableName, String shardId) {
        Stream stream = currentStream(tableName);
        Shard shard = stream.shard(shardId);
        if (shard == null || !shard.isOpen()) {
            throw new IllegalArgumentException("Shard " + shardId + " is not an open shard of the stream of table "
                    + tableName + "; open shards: " + List.of(stream.openShards()).stream().map(Shard::id).toList());
        }
        if (shard.hashStart() == shard.hashEnd()) {
            throw new IllegalArgumentException("Shard " + shardId + " owns a single hash value and cannot be split");
        }
        long now = nowMillis();
        long middle = shard.hashStart() + (shard.hashEnd() - shard.hashStart()) / 2;
        shard.close(now);
        scheduleDrop(shard);
        List<Shard> open = new ArrayList<>();
        for (Shard other : stream.openShards()) {
            if (other != shard) {
                open.add(other);
            }
        }
        open.add(newShard(stream, shard.id(), shard.hashStart(), middle, now));
        open.add(newShard(stream, shard.id(), middle + 1, shard.hashEnd(), now));
        stream.setOpenShards(open);
    }

    /** Makes every shard iterator issued so far answer ExpiredIteratorException. */
    public void expireIterators() {
        api.expireIterators();
    }

    Stream stream(String streamArn) {
        return streams.get(streamArn);
    }

    Collection<Stream> streams() {
        return streams.values();
    }

    long lastSequenceNumber() {
        return lastSequenceNumber;
    }

    private Stream currentStream(String tableName) {
        Stream current = null;
        for (Stream stream : streams.values()) {
            if (stream.tableName().equals(tableName) && stream.isEnabled()) {
                current = stream;
            }
        }
        if (current == null) {
            throw new IllegalArgumentException("Table " + tableName + " has no enabled stream; create it with a"
                    + " StreamSpecification (StreamEnabled true) or enable one with UpdateTable");
        }
        return current;
    }

    private void disable(Stream stream, long now) {
        Shard[] open = stream.openShards();
        stream.disable(now, StatusTransition.start("DISABLING", "DISABLED", now, settings.statusDelay()));
        for (Shard shard : open) {
            scheduleDrop(shard);
        }
    }

    private Shard newShard(Stream stream, String parentId, long hashStart, long hashEnd, long createdMillis) {
        String lastId = stream.lastShardId();
        long idMillis = lastId == null ? createdMillis
                : Math.max(createdMillis, Long.parseLong(lastId.substring(8, 28)) + 1);
        String id = "shardId-" + pad20(idMillis) + "-" + hex8(shardIdRandom.nextInt());
        Shard shard = new Shard(id, parentId, hashStart, hashEnd, createdMillis, ++lastSequenceNumber);
        stream.addShard(shard);
        if (rotationMillis > 0) {
            schedule(createdMillis + rotationMillis);
        }
        return shard;
    }

    private void runMaintenance(long now) {
        nextMaintenanceMillis = Long.MAX_VALUE;
        long cutoff = now - retentionMillis;
        for (Iterator<Stream> it = streams.values().iterator(); it.hasNext(); ) {
            Stream stream = it.next();
            if (stream.isEnabled() && rotationMillis > 0) {
                rotateDue(stream, now, cutoff);
            }
            for (Shard shard : stream.shards()) {
                shard.trim(cutoff);
            }
            if (!stream.dropAgedOutShards(cutoff) && !stream.isEnabled()) {
                it.remove();
                continue;
            }
            for (Shard shard : stream.shards()) {
                if (!shard.log().isEmpty()) {
                    scheduleTrim(shard.log().oldestCreatedMillis());
                }
                if (shard.isOpen()) {
                    if (rotationMillis > 0) {
                        schedule(shard.createdMillis() + rotationMillis);
                    }
                } else {
                    scheduleDrop(shard);
                }
            }
        }
    }

    /** Rotates every open shard whose interval has passed, in rounds, catching up several intervals at once. */
    private void rotateDue(Stream stream, long now, long cutoff) {
        List<Shard> open = new ArrayList<>(List.of(stream.openShards()));
        boolean rotated = false;
        while (true) {
            long due = Long.MAX_VALUE;
            for (Shard shard : open) {
                due = Math.min(due, shard.createdMillis() + rotationMillis);
            }
            if (due > now) {
                break;
            }
            long childStart = due;
            if (childStart + rotationMillis <= cutoff) {
                // children that would close and age out before now are never observable: skip them
                childStart += (cutoff - childStart) / rotationMillis * rotationMillis;
            }
            for (int i = 0; i < open.size(); i++) {
                Shard shard = open.get(i);
                if (shard.createdMillis() + rotationMillis == due) {
                    shard.close(due);
                    open.set(i, newShard(stream, shard.id(), shard.hashStart(), shard.hashEnd(), childStart));
                    rotated = true;
                }
            }
        }
        if (rotated) {
            stream.setOpenShards(open);
        }
    }

    private void scheduleTrim(long oldestRecordMillis) {
        long due = oldestRecordMillis + retentionMillis;
        // trimming runs at whole seconds at most, so that steady traffic costs one maintenance pass a second
        schedule(Math.floorDiv(due + 999, 1000) * 1000);
    }

    private void scheduleDrop(Shard closed) {
        schedule(closed.ageReferenceMillis() + retentionMillis);
    }

    private void schedule(long dueMillis) {
        if (dueMillis < nextMaintenanceMillis) {
            nextMaintenanceMillis = dueMillis;
        }
    }

    private long nowMillis() {
        return clock.now().toEpochMilli();
    }

    /** A 63-bit hash of a partition key (FNV-1a, then a 64-bit finalizer to spread similar keys). */
    static long hash(String partitionKey) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < partitionKey.length(); i++) {
            h ^= partitionKey.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h & Long.MAX_VALUE;
    }

    private static String pad20(long value) {
        String digits = Long.toString(value);
        return "0".repeat(Math.max(0, 20 - digits.length())) + digits;
    }

    private static String hex8(int value) {
        String hex = Integer.toHexString(value);
        return "0".repeat(8 - hex.length()) + hex;
    }

    private static String hex16(long value) {
        String hex = Long.toHexString(value);
        return "0".repeat(16 - hex.length()) + hex;
    }
}
