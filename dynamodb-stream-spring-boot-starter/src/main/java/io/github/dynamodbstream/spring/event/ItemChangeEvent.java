package io.github.dynamodbstream.spring.event;

import io.github.dynamodbstream.core.record.ChangeRecord;
import io.github.dynamodbstream.core.record.ChangeType;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.springframework.core.ResolvableType;
import org.springframework.core.ResolvableTypeProvider;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Base of the events for one change to one item: {@link ItemInsertedEvent}, {@link ItemModifiedEvent} and
 * {@link ItemRemovedEvent}. The type parameter is the stream's item type ({@code Map<String, Object>} when the
 * stream has none), and Spring delivers an event only to listeners whose declared type matches it: a listener for
 * {@code ItemInsertedEvent<Order>} receives the inserts of streams whose item type is {@code Order}, a listener for
 * {@code ItemChangeEvent<?>} every change of every stream.
 * <pre>{@code
 * @EventListener
 * void on(ItemChangeEvent<Order> event) {
 *     log.info("{} of order {} at {}", event.changeType(), event.keys(), event.approximateCreationTime());
 * }
 * }</pre>
 *
 * @param <T> the item type
 */
public abstract class ItemChangeEvent<T> extends DynamoDbStreamEvent implements ResolvableTypeProvider {

    private final ChangeRecord record;
    private final ResolvableType itemType;
    private final ResolvableType eventType;
    private final T newImage;
    private final T oldImage;

    /**
     * @param source the object that published the event
     * @param streamName the stream's name in the configuration
     * @param record the change
     * @param itemType the stream's item type, which types the event for listener matching
     */
    protected ItemChangeEvent(Object source, String streamName, ChangeRecord record, ResolvableType itemType) {
        this(source, streamName, record, Objects.requireNonNull(itemType, "itemType"), null, null, null);
    }

    /** An event of the starter's: its item type and its item's images. */
    ItemChangeEvent(Object source, String streamName, ChangeRecord record, ResolvableType itemType, T newImage,
            T oldImage) {
        this(source, streamName, record, Objects.requireNonNull(itemType, "itemType"), null, newImage, oldImage);
    }

    /**
     * An event whose type, with its item type, is already resolved: the starter's publisher resolves it once per
     * stream, so that Spring finds the listeners in its cache without building the type again for every change.
     */
    ItemChangeEvent(ResolvableType eventType, Object source, String streamName, ChangeRecord record, T newImage,
            T oldImage) {
        this(source, streamName, record, null, eventType, newImage, oldImage);
    }

    private ItemChangeEvent(Object source, String streamName, ChangeRecord record, ResolvableType itemType,
            ResolvableType eventType, T newImage, T oldImage) {
        super(source, streamName, record.tableName(), record.streamArn());
        this.record = record;
        this.itemType = itemType;
        this.eventType = eventType;
        this.newImage = newImage;
        this.oldImage = oldImage;
    }

    /** The change as read from the stream, with the images in DynamoDB's attribute values. */
    public ChangeRecord record() {
        return record;
    }

    /** What happened to the item. */
    public ChangeType changeType() {
        return record.type();
    }

    /** The item's key attributes. */
    public Map<String, AttributeValue> keys() {
        return record.keys();
    }

    /** The shard the record was read from. */
    public String shardId() {
        return record.shardId();
    }

    /** The record's sequence number in its shard. */
    public String sequenceNumber() {
        return record.sequenceNumber();
    }

    /** When the change was made, to the second. */
    public Instant approximateCreationTime() {
        return record.approximateCreationTime();
    }

    /** The item after the change, as the subclass that has one names it; {@code null} when there is none. */
    T newImage() {
        return newImage;
    }

    /** The item before the change, as the subclass that has one names it; {@code null} when there is none. */
    T oldImage() {
        return oldImage;
    }

    /** The type of this event with its item type, for example {@code ItemInsertedEvent<Order>}. */
    @Override
    public ResolvableType getResolvableType() {
        return eventType != null ? eventType : ResolvableType.forClassWithGenerics(getClass(), itemType);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[stream=" + streamName() + " " + record + "]";
    }
}
