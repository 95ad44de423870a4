package io.github.dynamodbstream.spring.event;

import io.github.dynamodbstream.core.failure.BatchListenerFailedException;
import java.util.List;
import java.util.Objects;
import org.springframework.core.ResolvableType;
import org.springframework.core.ResolvableTypeProvider;

/**
 * The changes of one page of one shard, in sequence-number order, published instead of one event per change when
 * the stream's {@code listener-mode} is {@code batch}. Each change is the {@link ItemInsertedEvent},
 * {@link ItemModifiedEvent} or {@link ItemRemovedEvent} that record mode would have published, so items are typed
 * as in record mode.
 * <pre>{@code
 * @EventListener
 * void on(ItemChangesEvent<Order> event) {
 *     for (ItemChangeEvent<Order> change : event.changes()) {
 *         try {
 *             search.index(change);
 *         } catch (RuntimeException e) {
 *             throw new BatchListenerFailedException(change.record(), e);
 *         }
 *     }
 * }
 * }</pre>
 * Returning normally acknowledges every change of the event. Throwing a {@link BatchListenerFailedException} that
 * names a change acknowledges the changes before it and fails that one alone; any other exception makes the
 * starter split the batch until it finds the change that fails.
 *
 * @param <T> the stream's item type
 */
public class ItemChangesEvent<T> extends DynamoDbStreamEvent implements ResolvableTypeProvider {

    private final List<ItemChangeEvent<T>> changes;
    private final ResolvableType itemType;
    private final ResolvableType eventType;

    /**
     * @param source the object that published the event
     * @param streamName the stream's name in the configuration
     * @param tableName the table whose changes the stream carries
     * @param streamArn the stream's ARN
     * @param itemType the stream's item type, which types the event for listener matching
     * @param changes the changes, of one shard, in sequence-number order; not empty
     */
    public ItemChangesEvent(Object source, String streamName, String tableName, String streamArn,
            ResolvableType itemType, List<ItemChangeEvent<T>> changes) {
        this(source, streamName, tableName, streamArn, Objects.requireNonNull(itemType, "itemType"), null, changes);
    }

    /** An event whose type, with its item type, is already resolved, as {@link ItemChangeEvent}'s. */
    ItemChangesEvent(ResolvableType eventType, Object source, String streamName, String tableName, String streamArn,
            List<ItemChangeEvent<T>> changes) {
        this(source, streamName, tableName, streamArn, null, eventType, changes);
    }

    private ItemChangesEvent(Object source, String streamName, String tableName, String streamArn,
            ResolvableType itemType, ResolvableType eventType, List<ItemChangeEvent<T>> changes) {
        super(source, streamName, tableName, streamArn);
        if (changes.isEmpty()) {
            throw new IllegalArgumentException("An ItemChangesEvent needs at least one change");
        }
        this.itemType = itemType;
        this.eventType = eventType;
        this.changes = List.copyOf(changes);
    }

    /** The changes, in sequence-number order. */
    public List<ItemChangeEvent<T>> changes() {
        return changes;
    }

    /** The shard of the changes. */
    public String shardId() {
        return changes.get(0).shardId();
    }

    /** The type of this event with its item type, for example {@code ItemChangesEvent<Order>}. */
    @Override
    public ResolvableType getResolvableType() {
        return eventType != null ? eventType : ResolvableType.forClassWithGenerics(getClass(), itemType);
    }

    @Override
    public String toString() {
        return "ItemChangesEvent[stream=" + streamName() + " shard=" + shardId() + " changes=" + changes.size()
                + " from sequenceNumber=" + changes.get(0).sequenceNumber() + "]";
    }
}
