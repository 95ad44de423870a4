package io.github.dynamodbstream.core.internal.shard;

import io.github.dynamodbstream.core.StartingPosition;
import io.github.dynamodbstream.core.checkpoint.ShardCheckpoint;
import io.github.dynamodbstream.core.internal.shard.ListingChanges.VanishedShard;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;

/**
 * The shards a poller knows and their lineage. A shard is readable when it is not finished and its parent is
 * finished or unknown (aged out of the stream): a child is read only after its parent was read to its end. A shard
 * is forgotten when it leaves the stream, so memory follows the stream's retention, not its age.
 *
 * <p>Not thread-safe: used by a round's coordinator only.
 */
public final class ShardTracker {

    private final Map<String, TrackedShard> shards = new LinkedHashMap<>();

    /**
     * Takes the first listing of a poller; called again when the checkpoints of an earlier start could not be
     * saved, it starts over.
     *
     * @param listing the stream's shards
     * @param stored the consumer's checkpoints; a consumer with none is fresh, and only then does {@code position}
     *        apply (to the shards listed now). Checkpoints of shards no longer listed are forgotten; those not
     *        finished are reported as vanished: the shard aged out before it was read to its end
     * @param position where a fresh consumer starts. With LATEST, only the open leaves of the listing start at
     *        LATEST; every other shard is skipped: the closed ones, and those listed open together with a child (the
     *        pages of a listing are not one snapshot, so a parent can show open on one page and its child on a
     *        later one). Every shard started at LATEST is then readable at once and positioned in the first round:
     *        a child must never get LATEST while its parent is still to be read, since it would be positioned
     *        only once the parent is drained, skipping what the child got meanwhile.
     * @return the changes
     */
    public ListingChanges start(StreamListing listing, Map<String, ShardCheckpoint> stored, StartingPosition position) {
        shards.clear();
        boolean fresh = stored.isEmpty();
        List<String> newShards = new ArrayList<>();
        List<TrackedShard> skipped = new ArrayList<>();
        List<TrackedShard> startedAtLatest = new ArrayList<>();
        Set<String> listed = new HashSet<>();
        Set<String> parents = new HashSet<>();
        for (ShardInfo info : listing.shards()) {
            parents.add(info.parentShardId());
        }
        for (ShardInfo info : listing.shards()) {
            listed.add(info.shardId());
            TrackedShard shard = new TrackedShard(info);
            shard.markListed(info);
            ShardCheckpoint checkpoint = stored.get(info.shardId());
            if (checkpoint != null) {
                shard.acknowledge(checkpoint.sequenceNumber());
                if (checkpoint.finished()) {
                    shard.markFinished();
                }
            } else if (fresh && position == StartingPosition.LATEST) {
                if (info.closed() || parents.contains(info.shardId())) {
                    shard.markFinished();
                    skipped.add(shard);
                } else {
                    shard.startAt(ShardIteratorType.LATEST);
                    startedAtLatest.add(shard);
                }
            }
            shards.put(shard.shardId(), shard);
            if (!shard.finished()) {
                newShards.add(shard.shardId());
            }
        }
        List<String> forgotten = new ArrayList<>();
        List<VanishedShard> vanished = new ArrayList<>();
        for (ShardCheckpoint checkpoint : stored.values()) {
            if (listed.contains(checkpoint.shardId())) {
                continue;
            }
            if (checkpoint.finished()) {
                forgotten.add(checkpoint.shardId());
            } else {
                vanished.add(new VanishedShard(checkpoint.shardId(), checkpoint.sequenceNumber()));
            }
        }
        return new ListingChanges(newShards, skipped, startedAtLatest, forgotten, vanished);
    }

    /** Takes a later listing: new shards start at TRIM_HORIZON; shards that left the stream are dropped. */
    public ListingChanges refresh(StreamListing listing) {
        List<String> newShards = new ArrayList<>();
        Set<String> listed = new HashSet<>();
        for (ShardInfo info : listing.shards()) {
            listed.add(info.shardId());
            TrackedShard shard = shards.get(info.shardId());
            if (shard == null) {
                shard = new TrackedShard(info);
                shards.put(shard.shardId(), shard);
                newShards.add(shard.shardId());
            }
            shard.markListed(info);
        }
        List<String> forgotten = new ArrayList<>();
        List<VanishedShard> vanished = new ArrayList<>();
        for (Iterator<TrackedShard> it = shards.values().iterator(); it.hasNext(); ) {
            TrackedShard shard = it.next();
            if (listed.contains(shard.shardId())) {
                continue;
            }
            if (shard.conflict() != null) {
                it.remove();
            } else if (shard.finished()) {
                forgotten.add(shard.shardId());
                it.remove();
            } else if (shard.listed()) {
                vanished.add(new VanishedShard(shard.shardId(), shard.checkpoint()));
                it.remove();
            }
        }
        return new ListingChanges(newShards, List.of(), List.of(), forgotten, vanished);
    }

    /**
     * Adds the children of a shard found without a full listing.
     *
     * @return the ids of the children not known before
     */
    public List<String> addChildren(List<ShardInfo> children) {
        List<String> added = new ArrayList<>();
        for (ShardInfo child : children) {
            if (!shards.containsKey(child.shardId())) {
                shards.put(child.shardId(), new TrackedShard(child));
                added.add(child.shardId());
            }
        }
        return added;
    }

    /** Whether any child of the shard is known. */
    public boolean hasChildren(String shardId) {
        for (TrackedShard shard : shards.values()) {
            if (shardId.equals(shard.parentShardId())) {
                return true;
            }
        }
        return false;
    }

    /** The shards that may be read now, in listing order. */
    public List<TrackedShard> readable() {
        List<TrackedShard> readable = new ArrayList<>();
        for (TrackedShard shard : shards.values()) {
            if (isReadable(shard)) {
                readable.add(shard);
            }
        }
        return readable;
    }

    /** The children of a shard that may be read now. */
    public List<TrackedShard> readableChildrenOf(String shardId) {
        List<TrackedShard> readable = new ArrayList<>();
        for (TrackedShard shard : shards.values()) {
            if (shardId.equals(shard.parentShardId()) && isReadable(shard)) {
                readable.add(shard);
            }
        }
        return readable;
    }

    /** The shards whose checkpoint another poller holds: they are not read again until the poller restarts. */
    public List<TrackedShard> conflicted() {
        List<TrackedShard> conflicted = new ArrayList<>();
        for (TrackedShard shard : shards.values()) {
            if (shard.conflict() != null) {
                conflicted.add(shard);
            }
        }
        return conflicted;
    }

    private boolean isReadable(TrackedShard shard) {
        if (shard.finished() || shard.conflict() != null) {
            return false;
        }
        TrackedShard parent = shard.parentShardId() == null ? null : shards.get(shard.parentShardId());
        return parent == null || parent.finished();
    }

    /** Stops tracking a shard (it is gone from the stream). */
    public void forget(String shardId) {
        shards.remove(shardId);
    }

    public TrackedShard get(String shardId) {
        return shards.get(shardId);
    }

    /** Number of shards tracked. */
    public int size() {
        return shards.size();
    }
}
