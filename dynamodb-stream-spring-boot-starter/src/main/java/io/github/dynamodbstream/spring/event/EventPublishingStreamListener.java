package io.github.dynamodbstream.spring.event;

import io.github.dynamodbstream.core.DataLoss;
import io.github.dynamodbstream.core.RemovedShard;
import io.github.dynamodbstream.core.StreamListener;
import io.github.dynamodbstream.core.failure.FailedRecordHandler;
import io.github.dynamodbstream.core.record.ChangeRecord;
import io.github.dynamodbstream.spring.ListenerMode;
import io.github.dynamodbstream.spring.StreamDefinition;
import io.github.dynamodbstream.spring.listener.ChangeEvents;
import io.github.dynamodbstream.spring.listener.UnheardChanges;
import io.github.dynamodbstream.spring.mapping.ItemConverter;
import io.github.dynamodbstream.spring.observation.DeliveryObservations;
import io.github.dynamodbstream.spring.observation.DynamoDbStreamDeliveryContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.ResolvableType;

/**
 * The {@link StreamListener} of one stream that turns each callback of the poller into an application event:
 * {@link ItemInsertedEvent}, {@link ItemModifiedEvent}, {@link ItemRemovedEvent} typed with the stream's item type
 * (or one {@link ItemChangesEvent} per batch when the stream's listener mode is {@link ListenerMode#BATCH}),
 * {@link NewShardsEvent}, {@link RemovedShardsEvent} and {@link DataLossEvent}. As the poller's
 * {@link FailedRecordHandler} it publishes a {@link RecordFailedEvent} for each record given up on. A change of a
 * type no listener receives ({@link UnheardChanges}) is neither mapped nor published, only counted. Each mapping and
 * publication of changes runs in an observation ({@link DeliveryObservations}).
 *
 * <p>Events are published with the {@link ApplicationEventPublisher}, synchronously on the poller's thread: the
 * {@code @EventListener} methods run inside the round, and an exception thrown by one of them (or by the item
 * mapping) propagates to the poller, which acknowledges the records before the failed one and applies its retry and
 * failure policy to that one. Thread-safe.
 */
public final class EventPublishingStreamListener implements StreamListener, FailedRecordHandler {

    private static final Logger log = LoggerFactory.getLogger(EventPublishingStreamListener.class);

    private final StreamDefinition stream;
    private final ItemConverter<?> itemConverter;
    private final ApplicationEventPublisher publisher;
    private final UnheardChanges unheard;
    private final DeliveryObservations observations;
    private final ChangeEvents events;
    private final Consumer<ChangeRecord> publishChange = this::publishChange;

    /**
     * @param stream the stream whose records this listener receives; its item converter maps the items
     * @param publisher where the events go
     * @param unheard the change types no listener receives, which are skipped and counted
     * @param observations observes each delivery of changes
     */
    public EventPublishingStreamListener(StreamDefinition stream, ApplicationEventPublisher publisher,
            UnheardChanges unheard, DeliveryObservations observations) {
        this.stream = Objects.requireNonNull(stream, "stream");
        this.itemConverter = stream.itemConverter();
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.unheard = Objects.requireNonNull(unheard, "unheard");
        this.observations = Objects.requireNonNull(observations, "observations");
        this.events = new ChangeEvents(stream);
    }

    /** The stream this listener publishes the events of. */
    public StreamDefinition stream() {
        return stream;
    }

    /**
     * In {@link ListenerMode#BATCH}, publishes one {@link ItemChangesEvent} with the batch's changes; otherwise one
     * event per change, an exception naming the change it came from.
     */
    @Override
    public void onBatch(List<ChangeRecord> records) {
        if (stream.listenerMode() == ListenerMode.BATCH) {
            List<ChangeRecord> heard = records.stream().filter(record -> !unheard.skip(record.type())).toList();
            if (!heard.isEmpty()) {
                observations.observe(stream, DynamoDbStreamDeliveryContext.BATCH, heard,
                        () -> publisher.publishEvent(changes(itemConverter, heard)));
            }
        } else {
            StreamListener.super.onBatch(records);
        }
    }

    @Override
    public void onInsert(ChangeRecord record) {
        deliver(record);
    }

    @Override
    public void onModify(ChangeRecord record) {
        deliver(record);
    }

    @Override
    public void onRemove(ChangeRecord record) {
        deliver(record);
    }

    private void deliver(ChangeRecord record) {
        if (!unheard.skip(record.type())) {
            observations.observe(stream, record, publishChange);
        }
    }

    private void publishChange(ChangeRecord record) {
        publisher.publishEvent(change(itemConverter, record));
    }

    private <T> ItemChangesEvent<T> changes(ItemConverter<T> converter, List<ChangeRecord> records) {
        List<ItemChangeEvent<T>> changes = new ArrayList<>(records.size());
        for (ChangeRecord record : records) {
            changes.add(change(converter, record));
        }
        return new ItemChangesEvent<>(events.of(records.get(0).type()), this, stream.name(), stream.tableName(),
                stream.streamArn().toString(), changes);
    }

    /** The event of one change, its item mapped once for every listener that receives it. */
    private <T> ItemChangeEvent<T> change(ItemConverter<T> converter, ChangeRecord record) {
        ResolvableType type = events.change(record.type());
        return switch (record.type()) {
            case INSERT -> new ItemInsertedEvent<>(type, this, stream.name(), record, converter.newItem(record));
            case MODIFY -> new ItemModifiedEvent<>(type, this, stream.name(), record, converter.newItem(record),
                    converter.oldItem(record));
            case REMOVE -> new ItemRemovedEvent<>(type, this, stream.name(), record, converter.oldItem(record));
        };
    }

    @Override
    public void onNewShards(List<String> shardIds) {
        publisher.publishEvent(new NewShardsEvent(this, stream.name(), stream.tableName(),
                stream.streamArn().toString(), shardIds));
    }

    @Override
    public void onRemovedShards(List<RemovedShard> shards) {
        publisher.publishEvent(new RemovedShardsEvent(this, stream.name(), stream.tableName(),
                stream.streamArn().toString(), shards));
    }

    @Override
    public void onDataLoss(DataLoss dataLoss) {
        publisher.publishEvent(new DataLossEvent(this, stream.name(), stream.tableName(),
                stream.streamArn().toString(), dataLoss));
    }

    /**
     * Logs the records given up on at ERROR (their shard and sequence numbers, never their contents) and publishes
     * a {@link RecordFailedEvent}. An exception from a listener of that event keeps the shard at the record.
     */
    @Override
    public void handle(List<ChangeRecord> records, Throwable failure) {
        if (records.isEmpty()) {
            return;
        }
        ChangeRecord first = records.get(0);
        if (records.size() == 1) {
            log.error("Gave up on the {} record of stream '{}', shard {}, sequence number {}, after the listeners "
                    + "failed on it: {}", first.type(), stream.name(), first.shardId(), first.sequenceNumber(),
                    String.valueOf(failure));
        } else {
            log.error("Gave up on {} records of stream '{}', shard {}, sequence numbers {} to {}, after the listeners "
                    + "failed on them: {}", records.size(), stream.name(), first.shardId(), first.sequenceNumber(),
                    records.get(records.size() - 1).sequenceNumber(), String.valueOf(failure));
        }
        publisher.publishEvent(new RecordFailedEvent(this, stream.name(), stream.tableName(),
                stream.streamArn().toString(), records, failure));
    }

    @Override
    public String toString() {
        return "EventPublishingStreamListener[stream=" + stream.name() + "]";
    }
}
