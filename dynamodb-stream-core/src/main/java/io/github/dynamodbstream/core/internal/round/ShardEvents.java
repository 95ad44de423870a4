package io.github.dynamodbstream.core.internal.round;

import io.github.dynamodbstream.core.DataLoss;
import io.github.dynamodbstream.core.PollerObserver;
import io.github.dynamodbstream.core.RemovedShard;
import io.github.dynamodbstream.core.StreamListener;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the listener, the log and the observer about shards coming and going and about lost records. A listener
 * that throws an exception here is logged and otherwise ignored: these are notices, not records to acknowledge. An
 * {@link Error} goes up; the round ends with it once its readers stopped.
 */
final class ShardEvents {

    private static final Logger log = LoggerFactory.getLogger(ShardEvents.class);

    private final StreamListener listener;
    private final PollerObserver observer;
    private final String streamArn;

    ShardEvents(StreamListener listener, PollerObserver observer, String streamArn) {
        this.listener = listener;
        this.observer = observer;
        this.streamArn = streamArn;
    }

    /** Reports new shards; children found one parent at a time are a normal rotation, logged at DEBUG. */
    void newShards(List<String> shardIds, boolean fromListing) {
        if (shardIds.isEmpty()) {
            return;
        }
        if (fromListing) {
            log.info("Found {} new shards in stream {}", shardIds.size(), streamArn);
        } else {
            log.debug("Found children {} in stream {}", shardIds, streamArn);
        }
        try {
            listener.onNewShards(List.copyOf(shardIds));
        } catch (RuntimeException e) {
            log.warn("The listener's onNewShards failed; reading goes on", e);
        }
    }

    void removedShards(List<RemovedShard> shards) {
        if (shards.isEmpty()) {
            return;
        }
        try {
            listener.onRemovedShards(List.copyOf(shards));
        } catch (RuntimeException e) {
            log.warn("The listener's onRemovedShards failed; reading goes on", e);
        }
    }

    /** Reports a full listing that failed after the first one succeeded: the round reads the shards known. */
    void listingFailed(RuntimeException failure, Duration retryIn, int knownShards) {
        log.warn("Listing the shards of stream {} failed; this round reads the {} shards already known, new ones are "
                + "found when the listing is tried again in {}", streamArn, knownShards, retryIn, failure);
        observer.shardListingFailed(failure);
    }

    void dataLoss(DataLoss loss) {
        log.warn("Records of shard {} of stream {} after sequence number {} were lost before they could be read ({})",
                loss.shardId(), streamArn, loss.afterSequenceNumber(), loss.reason());
        observer.dataLoss(loss);
        try {
            listener.onDataLoss(loss);
        } catch (RuntimeException e) {
            log.warn("The listener's onDataLoss failed; reading goes on", e);
        }
    }
}
