package io.github.dynamodbstream.emulator.internal.stream;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.github.dynamodbstream.emulator.internal.StatusTransition;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One stream of a table: its shards in creation order (shard ids increase with it) and the open shards that
 * together own the whole range of partition-key hashes.
 */
final class Stream {

    private final String arn;
    private final String label;
    private final String tableName;
    private final String viewType;
    private final ArrayNode keySchema;
    private final long createdMillis;
    private final List<Shard> shards = new ArrayList<>();
    private final Map<String, Shard> shardsById = new HashMap<>();
    private Shard[] openShards = new Shard[0];
    private boolean enabled = true;
    private StatusTransition status;

    Stream(String arn, String label, String tableName, String viewType, ArrayNode keySchema, long createdMillis,
            StatusTransition status) {
        this.arn = arn;
        this.label = label;
        this.tableName = tableName;
        this.viewType = viewType;
        this.keySchema = keySchema;
        this.createdMillis = createdMillis;
        this.status = status;
    }

    String arn() {
        return arn;
    }

    String label() {
        return label;
    }

    String tableName() {
        return tableName;
    }

    String viewType() {
        return viewType;
    }

    ArrayNode keySchema() {
        return keySchema;
    }

    long createdMillis() {
        return createdMillis;
    }

    boolean isEnabled() {
        return enabled;
    }

    /** ENABLING, ENABLED, DISABLING or DISABLED at a moment on the emulator's clock. */
    String statusAt(long nowMillis) {
        return status.statusAt(nowMillis);
    }

    List<Shard> shards() {
        return shards;
    }

    Shard shard(String shardId) {
        return shardsById.get(shardId);
    }

    Shard[] openShards() {
        return openShards;
    }

    /** The last shard id handed out, or {@code null} before the first. */
    String lastShardId() {
        return shards.isEmpty() ? null : shards.get(shards.size() - 1).id();
    }

    /** Adds a shard; ids must be handed out in increasing order. */
    void addShard(Shard shard) {
        shards.add(shard);
        shardsById.put(shard.id(), shard);
    }

    /** Replaces the set of open shards (after creation, rotation or a split). */
    void setOpenShards(List<Shard> open) {
        Shard[] sorted = open.toArray(new Shard[0]);
        Arrays.sort(sorted, Comparator.comparingLong(Shard::hashStart));
        openShards = sorted;
    }

    /** The open shard owning a partition-key hash. */
    Shard route(long hash) {
        int low = 0;
        int high = openShards.length - 1;
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (openShards[mid].hashStart() <= hash) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return openShards[low];
    }

    void disable(long atMillis, StatusTransition disabling) {
        for (Shard shard : openShards) {
            shard.close(atMillis);
        }
        openShards = new Shard[0];
        enabled = false;
        status = disabling;
    }

    /** Removes the closed shards whose records all aged out; returns whether any shard is left. */
    boolean dropAgedOutShards(long cutoffMillis) {
        shards.removeIf(shard -> {
            boolean agedOut = !shard.isOpen() && shard.log().isEmpty() && shard.ageReferenceMillis() <= cutoffMillis;
            if (agedOut) {
                shardsById.remove(shard.id());
            }
            return agedOut;
        });
        return !shards.isEmpty();
    }

    /** Index in {@link #shards()} of the first shard whose id sorts after {@code shardId}. */
    int indexAfter(String shardId) {
        int low = 0;
        int high = shards.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (shards.get(mid).id().compareTo(shardId) <= 0) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }
}
