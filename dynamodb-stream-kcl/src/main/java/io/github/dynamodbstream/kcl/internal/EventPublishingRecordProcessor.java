package io.github.dynamodbstream.kcl.internal;

import com.amazonaws.services.dynamodbv2.streamsadapter.adapter.DynamoDBStreamsClientRecord;
import com.amazonaws.services.dynamodbv2.streamsadapter.model.DynamoDBStreamsProcessRecordsInput;
import com.amazonaws.services.dynamodbv2.streamsadapter.processor.DynamoDBStreamsShardRecordProcessor;
import io.github.dynamodbstream.core.PollerObserver;
import io.github.dynamodbstream.core.RemovedShard;
import io.github.dynamodbstream.core.internal.delivery.DeliveryPolicy;
import io.github.dynamodbstream.core.internal.delivery.DeliveryResult;
import io.github.dynamodbstream.core.record.ChangeRecord;
import io.github.dynamodbstream.core.record.MalformedRecordException;
import io.github.dynamodbstream.spring.StreamDefinition;
import io.github.dynamodbstream.spring.container.internal.StreamActivity;
import io.github.dynamodbstream.spring.event.EventPublishingStreamListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.kinesis.exceptions.InvalidStateException;
import software.amazon.kinesis.exceptions.KinesisClientLibDependencyException;
import software.amazon.kinesis.exceptions.ShutdownException;
import software.amazon.kinesis.exceptions.ThrottlingException;
import software.amazon.kinesis.lifecycle.events.InitializationInput;
import software.amazon.kinesis.lifecycle.events.LeaseLostInput;
import software.amazon.kinesis.lifecycle.events.ShardEndedInput;
import software.amazon.kinesis.lifecycle.events.ShutdownRequestedInput;
import software.amazon.kinesis.processor.RecordProcessorCheckpointer;

/**
 * The record processor of one shard lease: turns the adapter's records into {@link ChangeRecord}s, delivers them
 * through the starter's {@link EventPublishingStreamListener} with the core's {@link DeliveryPolicy} (the same
 * per-record failure isolation as the poller: the records before a failing one are checkpointed, it alone is
 * retried, then given up on or held), and checkpoints a sequence number only once the listeners accepted (or gave
 * up on) every record up to it. A record held under {@code on-failure: block} is delivered again after the longest
 * retry backoff, until it is accepted or the lease moves. A lease taken is
 * published as a {@code NewShardsEvent}, a shard read to its end as a {@code RemovedShardsEvent} (FINISHED), after
 * its children's leases were taken for this instance ({@link ChildLeaseClaim}). What it does goes to the stream's
 * observers and to the {@link StreamActivity} its status is read from.
 */
final class EventPublishingRecordProcessor implements DynamoDBStreamsShardRecordProcessor {

    private static final Logger log = LoggerFactory.getLogger(EventPublishingRecordProcessor.class);
    private static final int CHECKPOINT_ATTEMPTS = 3;

    private final StreamDefinition stream;
    private final EventPublishingStreamListener listener;
    private final PollerObserver observer;
    private final StreamActivity activity;
    private final DeliveryPolicy delivery;
    private final BooleanSupplier stopping;
    private final ChildLeaseClaim children;
    private String shardId;
    private String lastDelivered;
    private boolean undelivered;

    EventPublishingRecordProcessor(StreamDefinition stream, EventPublishingStreamListener listener,
            PollerObserver observer, StreamActivity activity, DeliveryPolicy delivery, BooleanSupplier stopping,
            ChildLeaseClaim children) {
        this.stream = stream;
        this.listener = listener;
        this.observer = observer;
        this.activity = activity;
        this.delivery = delivery;
        this.stopping = stopping;
        this.children = children;
    }

    @Override
    public void initialize(InitializationInput input) {
        shardId = input.shardId();
        log.info("Processing shard {} of stream '{}' from {}", shardId, stream.name(),
                input.extendedSequenceNumber());
        activity.shardTaken(shardId);
        listener.onNewShards(List.of(shardId));
    }

    @Override
    public void processRecords(DynamoDBStreamsProcessRecordsInput input) {
        if (input.millisBehindLatest() != null) {
            activity.behindLatest(shardId, Duration.ofMillis(input.millisBehindLatest()));
        }
        if (undelivered || input.records().isEmpty()) {
            return;
        }
        List<ChangeRecord> changes = new ArrayList<>(input.records().size());
        String last = null;
        for (DynamoDBStreamsClientRecord clientRecord : input.records()) {
            Record record = clientRecord.getRecord();
            last = record.dynamodb() == null ? clientRecord.sequenceNumber() : record.dynamodb().sequenceNumber();
            try {
                changes.add(ChangeRecord.of(record, shardId, stream.streamArn()));
            } catch (MalformedRecordException problem) {
                log.warn("Skipped a malformed record of stream '{}', shard {}: {}", stream.name(), shardId,
                        problem.getMessage());
                observer.malformedRecord(shardId, last);
                listener.onMalformedRecord(shardId, record, problem);
            }
        }
        if (!changes.isEmpty() && !deliver(input.checkpointer(), changes)) {
            // Stopping while a record stays held: nothing more is acknowledged in this lease, so the next owner
            // starts after the last checkpoint and delivers the held record again.
            undelivered = true;
            return;
        }
        lastDelivered = last;
        checkpoint(input.checkpointer(), last);
    }

    /**
     * Delivers the records until every one is acknowledged; while one is held, checkpoints the records before it
     * and delivers it again after the longest retry backoff.
     *
     * @return {@code false} when the application stops (or the thread is interrupted) while a record is held
     */
    private boolean deliver(RecordProcessorCheckpointer checkpointer, List<ChangeRecord> changes) {
        int acknowledged = 0;
        while (true) {
            DeliveryResult result = delivery.deliver(shardId, changes.subList(acknowledged, changes.size()), stopping);
            acknowledged += result.acknowledged();
            if (!result.blocked()) {
                activity.shardUnblocked(shardId);
                return true;
            }
            if (result.acknowledged() > 0) {
                lastDelivered = changes.get(acknowledged - 1).sequenceNumber();
                checkpoint(checkpointer, lastDelivered);
            }
            Duration pause = stream.retry().maxDelay();
            activity.shardBlocked(shardId, String.valueOf(result.failure()));
            log.warn("Shard {} of stream '{}' stays at sequence number {}; delivering it again in {}: {}", shardId,
                    stream.name(), changes.get(acknowledged).sequenceNumber(), pause, String.valueOf(result.failure()));
            if (stopping.getAsBoolean() || !sleep(pause)) {
                return false;
            }
        }
    }

    private static boolean sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * The lease moved. KCL also tells a record processor it never initialized (a consumer it shuts down before its
     * first task), which has nothing to release.
     */
    @Override
    public void leaseLost(LeaseLostInput input) {
        if (shardId == null) {
            log.debug("A lease of stream '{}' moved before its record processor started; nothing was delivered from it",
                    stream.name());
            return;
        }
        activity.shardReleased(shardId);
        log.info("No longer holding the lease of shard {} of stream '{}' (last delivered here: {}); its next owner "
                + "resumes after the last checkpoint", shardId, stream.name(), lastDelivered);
    }

    @Override
    public void shardEnded(ShardEndedInput input) {
        activity.shardReleased(shardId);
        if (undelivered) {
            log.warn("Shard {} of stream '{}' ended with a batch not delivered; leaving it unfinished so that the "
                    + "next owner delivers it", shardId, stream.name());
            return;
        }
        checkpoint(input.checkpointer(), null);
        children.claimChildrenOf(shardId);
        log.info("Finished shard {} of stream '{}'", shardId, stream.name());
        listener.onRemovedShards(List.of(new RemovedShard(shardId, RemovedShard.Reason.FINISHED)));
    }

    @Override
    public void shutdownRequested(ShutdownRequestedInput input) {
        if (lastDelivered != null) {
            checkpoint(input.checkpointer(), lastDelivered);
        }
        log.info("Handing over shard {} of stream '{}' at {}", shardId, stream.name(), lastDelivered);
    }

    /** Checkpoints at {@code sequenceNumber}, or at the shard's end when it is {@code null}. */
    private void checkpoint(RecordProcessorCheckpointer checkpointer, String sequenceNumber) {
        for (int attempt = 1; ; attempt++) {
            try {
                if (sequenceNumber == null) {
                    checkpointer.checkpoint();
                } else {
                    checkpointer.checkpoint(sequenceNumber);
                }
                log.debug("Checkpointed shard {} of stream '{}' at {}", shardId, stream.name(),
                        sequenceNumber == null ? "its end" : sequenceNumber);
                return;
            } catch (ShutdownException e) {
                log.info("Checkpoint of shard {} of stream '{}' not saved: the lease moved to another instance, which "
                        + "delivers the records after the last checkpoint again", shardId, stream.name());
                return;
            } catch (ThrottlingException | KinesisClientLibDependencyException e) {
                if (attempt == CHECKPOINT_ATTEMPTS) {
                    log.warn("Checkpoint of shard {} of stream '{}' not saved after {} attempts; the records up to {} "
                                    + "will be delivered again if the lease moves: {}", shardId, stream.name(),
                            attempt, sequenceNumber, e.toString());
                    return;
                }
            } catch (InvalidStateException e) {
                log.warn("Checkpoint of shard {} of stream '{}' not saved, the lease table refused it: {}", shardId,
                        stream.name(), e.toString());
                return;
            }
        }
    }
}
