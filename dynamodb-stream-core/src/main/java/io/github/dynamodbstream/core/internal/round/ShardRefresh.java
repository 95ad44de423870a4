package io.github.dynamodbstream.core.internal.round;

import io.github.dynamodbstream.core.DataLoss;
import io.github.dynamodbstream.core.DynamoDbStreamException;
import io.github.dynamodbstream.core.RemovedShard;
import io.github.dynamodbstream.core.StartingPosition;
import io.github.dynamodbstream.core.StreamUnavailableException;
import io.github.dynamodbstream.core.internal.shard.Checkpoints;
import io.github.dynamodbstream.core.internal.shard.ListingChanges;
import io.github.dynamodbstream.core.internal.shard.ListingChanges.VanishedShard;
import io.github.dynamodbstream.core.internal.shard.ShardDiscovery;
import io.github.dynamodbstream.core.internal.shard.ShardTracker;
import io.github.dynamodbstream.core.internal.shard.StreamListing;
import io.github.dynamodbstream.core.internal.shard.TrackedShard;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.StreamStatus;

/**
 * Lists the stream when a listing is due and applies it: new shards are tracked, where a fresh consumer starts is
 * checkpointed (closed shards a LATEST start skips as finished, open ones without a sequence number), shards that left the stream are forgotten (their checkpoints removed), and shards
 * that left before they were read to their end are reported as lost.
 */
final class ShardRefresh {

    private static final Logger log = LoggerFactory.getLogger(ShardRefresh.class);

    private final ShardDiscovery discovery;
    private final ShardTracker tracker;
    private final Checkpoints checkpoints;
    private final ShardEvents events;
    private final String streamArn;
    private final StartingPosition startingPosition;
    private boolean started;
    private StreamStatus lastStatus;

    ShardRefresh(ShardDiscovery discovery, ShardTracker tracker, Checkpoints checkpoints, ShardEvents events,
            String streamArn, StartingPosition startingPosition) {
        this.discovery = discovery;
        this.tracker = tracker;
        this.checkpoints = checkpoints;
        this.events = events;
        this.streamArn = streamArn;
        this.startingPosition = startingPosition;
    }

    /**
     * Lists the stream if due, and applies the listing. When a listing fails after the first one succeeded, the
     * round goes on with the shards already known and the next listing is put off; only a failed first listing
     * fails the round, since nothing is known to read yet.
     */
    void refreshIfDue(RoundTally tally) {
        if (started && !discovery.isListingDue()) {
            tally.streamProblem(problem(lastStatus));
            return;
        }
        StreamListing listing;
        try {
            listing = discovery.listAll();
        } catch (StreamUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            if (!started) {
                throw new DynamoDbStreamException("The first listing of the shards of stream " + streamArn
                        + " failed, so nothing was read or acknowledged: " + e.getMessage() + ". The next round "
                        + "lists the stream again.", e);
            }
            events.listingFailed(e, discovery.listingFailed(), tracker.size());
            tally.streamProblem(problem(lastStatus));
            return;
        }
        ListingChanges changes;
        if (started) {
            changes = tracker.refresh(listing);
        } else {
            changes = tracker.start(listing, checkpoints.takeOver(), startingPosition);
            saveStartPositions(changes);
            started = true;
            log.info("Reading stream {} ({}): {} shards, {} to read, starting {} where there is no checkpoint",
                    streamArn, listing.status(), listing.shards().size(), changes.newShards().size(),
                    startingPosition);
        }
        apply(changes, tally);
        if (listing.status() != lastStatus && problem(listing.status()) != null) {
            log.warn(problem(listing.status()));
        }
        lastStatus = listing.status();
        tally.streamProblem(problem(lastStatus));
    }

    /**
     * Saves where a fresh consumer starts before anything is read: the closed shards it skips as finished, and the
     * shards it starts at LATEST without a sequence number. A restart then finds checkpoints, so it is not fresh
     * again: it reads those shards from TRIM_HORIZON (records may come twice) rather than from a new LATEST
     * (records written since the first start would be skipped). When a save fails, the round fails and the next
     * one starts over.
     */
    private void saveStartPositions(ListingChanges changes) {
        for (TrackedShard skipped : changes.skipped()) {
            checkpoints.save(skipped.shardId(), null, true);
        }
        for (TrackedShard latest : changes.startedAtLatest()) {
            checkpoints.save(latest.shardId(), null, false);
        }
    }

    private void apply(ListingChanges changes, RoundTally tally) {
        for (String shardId : changes.forgotten()) {
            checkpoints.remove(shardId);
        }
        List<RemovedShard> removed = new ArrayList<>();
        for (VanishedShard vanished : changes.vanished()) {
            DataLoss loss = new DataLoss(vanished.shardId(), vanished.checkpoint(), DataLoss.Reason.SHARD_GONE);
            tally.dataLoss(loss);
            events.dataLoss(loss);
            checkpoints.remove(vanished.shardId());
            removed.add(new RemovedShard(vanished.shardId(), RemovedShard.Reason.GONE));
        }
        tally.newShards(changes.newShards());
        events.newShards(changes.newShards(), true);
        events.removedShards(removed);
    }

    private String problem(StreamStatus status) {
        if (status == StreamStatus.DISABLED || status == StreamStatus.DISABLING) {
            return "Stream " + streamArn + " is " + status + ": its table was deleted or its stream turned off, so "
                    + "no new changes arrive. The records it still holds are read to the end. To follow the table "
                    + "again, enable its stream and point the poller to the new stream ARN.";
        }
        return null;
    }
}
