package io.github.dynamodbstream.core.internal.read;

import io.github.dynamodbstream.core.DataLoss;
import io.github.dynamodbstream.core.PollerObserver;
import io.github.dynamodbstream.core.ShardFailure;
import io.github.dynamodbstream.core.checkpoint.CheckpointConflictException;
import io.github.dynamodbstream.core.internal.api.ApiErrors;
import io.github.dynamodbstream.core.internal.api.StreamApi;
import io.github.dynamodbstream.core.internal.delivery.DeliveryPolicy;
import io.github.dynamodbstream.core.internal.delivery.DeliveryResult;
import io.github.dynamodbstream.core.internal.delivery.RecordBatch;
import io.github.dynamodbstream.core.internal.delivery.RecordConverter;
import io.github.dynamodbstream.core.internal.read.ShardReadResult.End;
import io.github.dynamodbstream.core.internal.shard.Checkpoints;
import io.github.dynamodbstream.core.internal.shard.TrackedShard;
import io.github.dynamodbstream.core.record.ChangeRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsRequest;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;

/**
 * Reads one shard for one round: pages through {@code GetRecords} until the shard is caught up, read to its end, or
 * the per-round cap of calls is reached; hands each page to the listener and saves the checkpoint after it.
 *
 * <p>An empty page does not mean the end: records may lie further on. A closed shard is read until
 * {@code NextShardIterator} is absent, through empty pages. An open shard that gave records in this round or the
 * last one is read on through up to {@value #EMPTY_PAGES_BEFORE_CAUGHT_UP} empty pages in a row; an idle open shard
 * (no records last round) whose first page is empty is caught up, so it costs one call a round. An iterator that
 * comes back unchanged always means caught up.
 */
public final class ShardReader {

    private static final Logger log = LoggerFactory.getLogger(ShardReader.class);
    private static final int MAX_REPOSITIONS = 3;
    private static final int EMPTY_PAGES_BEFORE_CAUGHT_UP = 3;

    private final StreamApi api;
    private final IteratorPositioner positioner;
    private final String streamArn;
    private final int maxRecordsPerCall;
    private final int maxCallsPerRound;
    private final RecordConverter converter;
    private final DeliveryPolicy deliveryPolicy;
    private final Checkpoints checkpoints;
    private final PollerObserver observer;
    private final Clock clock;

    public ShardReader(StreamApi api, String streamArn, int maxRecordsPerCall, int maxCallsPerRound,
            RecordConverter converter, DeliveryPolicy deliveryPolicy, Checkpoints checkpoints,
            PollerObserver observer, Clock clock) {
        this.api = api;
        this.positioner = new IteratorPositioner(api, streamArn);
        this.streamArn = streamArn;
        this.maxRecordsPerCall = maxRecordsPerCall;
        this.maxCallsPerRound = maxCallsPerRound;
        this.converter = converter;
        this.deliveryPolicy = deliveryPolicy;
        this.checkpoints = checkpoints;
        this.observer = observer;
        this.clock = clock;
    }

    /**
     * Reads a shard for one round. Never throws an exception; an {@link Error} of the listener goes up, leaving the
     * shard to read its unacknowledged batch again.
     *
     * @param shard the shard, owned by the calling thread until this returns
     * @param stopping tells whether the poller is stopping: the read ends after the batch in flight
     * @return what the read did
     */
    public ShardReadResult read(TrackedShard shard, BooleanSupplier stopping) {
        ShardReadResult result = new ShardReadResult(shard);
        int repositions = 0;
        while (result.end() == null) {
            if (stopping.getAsBoolean()) {
                result.end(End.STOPPED);
            } else if (result.calls() >= maxCallsPerRound) {
                result.end(End.CAP_REACHED);
            } else {
                try {
                    readPage(shard, result, stopping);
                } catch (ExpiredIteratorException e) {
                    if (++repositions > MAX_REPOSITIONS) {
                        failReading(result, "GetRecords kept answering ExpiredIteratorException", e);
                    } else {
                        repositionAfterExpiry(shard);
                    }
                } catch (TrimmedDataAccessException e) {
                    if (shard.fromTrimHorizon() || ++repositions > MAX_REPOSITIONS) {
                        failReading(result, "the stream answered TrimmedDataAccessException even from the shard's "
                                + "oldest record", e);
                    } else {
                        DataLoss loss = new DataLoss(shard.shardId(), shard.checkpoint(), DataLoss.Reason.TRIMMED);
                        result.addDataLoss(loss);
                        shard.continueFromTrimHorizon();
                    }
                } catch (ResourceNotFoundException e) {
                    result.end(End.GONE);
                } catch (CheckpointConflictException e) {
                    conflicted(shard, result, e);
                } catch (SdkException e) {
                    failReading(result, "reading failed: " + ApiErrors.describe(e), e);
                } catch (RuntimeException e) {
                    failReading(result, "checkpoint or listener failure: " + e, e);
                }
            }
        }
        shard.hadRecordsLastRound(result.pagesWithRecords() > 0);
        return result;
    }

    /**
     * The repository refused a checkpoint: another poller with the same consumer name reads the shard. Reading on
     * would deliver the same records every round (the checkpoint never moves), so this poller leaves the shard.
     */
    private void conflicted(TrackedShard shard, ShardReadResult result, CheckpointConflictException e) {
        String consumer = checkpoints.consumerName();
        String reason = "the checkpoint was refused: another poller with consumer name '" + consumer + "' reads this "
                + "stream, so this poller no longer reads the shard until it is restarted. Give each poller its own "
                + "consumer name, or stop one of them (" + e.getMessage() + ")";
        log.error("Shard {} of stream {} is no longer read by this poller: its checkpoint was refused because another "
                + "poller with consumer name '{}' reads the same stream and checkpoints in the same repository. "
                + "Reading on would deliver the same records again every round. Give each poller its own consumer "
                + "name (or stop the extra one), then restart this poller.", shard.shardId(), streamArn, consumer, e);
        shard.markConflicted(reason);
        fail(result, reason, e);
    }

    private static void repositionAfterExpiry(TrackedShard shard) {
        if (shard.checkpoint() == null && shard.initialPosition() == ShardIteratorType.LATEST) {
            log.warn("The LATEST iterator of shard {} expired before any record was read; reading it again from "
                    + "its oldest record, so earlier records may be delivered again", shard.shardId());
            shard.restartFromTrimHorizonIfNoCheckpoint();
        } else {
            log.debug("Iterator of shard {} expired; asking for a new one after sequence number {}",
                    shard.shardId(), shard.checkpoint());
        }
        shard.iterator(null);
    }

    private void readPage(TrackedShard shard, ShardReadResult result, BooleanSupplier stopping) {
        if (shard.iterator() == null) {
            String iterator = positioner.position(shard);
            if (iterator == null) {
                finish(shard, result, false);
                return;
            }
            shard.iterator(iterator);
        }
        String iterator = shard.iterator();
        result.countCall();
        GetRecordsResponse response = api.getRecords(
                GetRecordsRequest.builder().shardIterator(iterator).limit(maxRecordsPerCall).build(),
                shard.shardId());
        List<Record> page = response.records();
        String next = response.nextShardIterator();
        result.countPage(!page.isEmpty());
        if (!page.isEmpty() && !deliver(shard, page, next == null, result, stopping)) {
            return;
        }
        if (next == null) {
            finish(shard, result, !page.isEmpty());
        } else {
            shard.iterator(next);
            if (page.isEmpty() && caughtUp(shard, result, next.equals(iterator))) {
                result.end(End.CAUGHT_UP);
            }
        }
    }

    private static boolean caughtUp(TrackedShard shard, ShardReadResult result, boolean iteratorUnchanged) {
        if (iteratorUnchanged) {
            return true;
        }
        if (shard.closed()) {
            return false;
        }
        boolean active = result.pagesWithRecords() > 0 || shard.hadRecordsLastRound();
        return !active || result.emptyPagesInARow() >= EMPTY_PAGES_BEFORE_CAUGHT_UP;
    }

    /**
     * Delivers a page and saves the checkpoint after what was acknowledged; {@code false} when the shard must stop for
     * this round at a record the listener failed on (the records before it are checkpointed first, so neither a
     * retry nor a restart delivers them again).
     */
    private boolean deliver(TrackedShard shard, List<Record> page, boolean last, ShardReadResult result,
            BooleanSupplier stopping) {
        RecordBatch batch = converter.convert(shard.shardId(), page);
        result.addMalformed(batch.malformed());
        List<ChangeRecord> records = batch.records();
        if (!records.isEmpty()) {
            DeliveryResult delivery = null;
            try {
                delivery = deliveryPolicy.deliver(shard.shardId(), records, stopping);
            } finally {
                if (delivery == null) {
                    shard.replayFrom(batch.firstSequenceNumber());
                }
            }
            result.addDelivered(delivery.delivered());
            result.addSkipped(delivery.skipped());
            if (delivery.acknowledged() > 0) {
                reportLag(shard.shardId(), records.subList(0, delivery.acknowledged()));
            }
            if (delivery.blocked()) {
                blockAt(shard, records, delivery.acknowledged());
                fail(result, "the listener failed on the record at sequence number "
                        + records.get(delivery.acknowledged()).sequenceNumber() + "; it is delivered again next round",
                        delivery.failure());
                return false;
            }
        }
        String sequenceNumber = batch.lastSequenceNumber() == null ? shard.checkpoint() : batch.lastSequenceNumber();
        if (sequenceNumber != null || last) {
            checkpoints.save(shard.shardId(), sequenceNumber, last);
        }
        shard.acknowledge(batch.lastSequenceNumber());
        return true;
    }

    /** Checkpoints the records before a blocking one and makes the next read start at it. */
    private void blockAt(TrackedShard shard, List<ChangeRecord> records, int blocking) {
        if (blocking > 0) {
            String acknowledged = records.get(blocking - 1).sequenceNumber();
            checkpoints.save(shard.shardId(), acknowledged, false);
            shard.acknowledge(acknowledged);
        }
        shard.replayFrom(records.get(blocking).sequenceNumber());
    }

    /** Marks a shard read to its end; {@code saved} when the last page's checkpoint already said so. */
    private void finish(TrackedShard shard, ShardReadResult result, boolean saved) {
        if (!saved) {
            checkpoints.save(shard.shardId(), shard.checkpoint(), true);
        }
        shard.markFinished();
        result.end(End.FINISHED);
        log.debug("Shard {} of stream {} read to its end", shard.shardId(), streamArn);
    }

    private void reportLag(String shardId, List<ChangeRecord> records) {
        Instant created = records.get(records.size() - 1).approximateCreationTime();
        if (created != null) {
            observer.lag(shardId, Duration.between(created, clock.instant()));
        }
    }

    private static void fail(ShardReadResult result, String reason, Throwable cause) {
        result.fail(new ShardFailure(result.shard().shardId(), reason, cause));
    }

    /** A failure of the read itself, which no other line reports (a listener's failure is logged where it fails). */
    private void failReading(ShardReadResult result, String reason, Throwable cause) {
        log.warn("Shard {} of stream {} is not read further this round: {}; it is read again from its checkpoint next "
                + "round", result.shard().shardId(), streamArn, reason);
        fail(result, reason, cause);
    }
}
