package io.github.dynamodbstream.spring.event;

import io.github.dynamodbstream.core.record.ChangeRecord;
import org.springframework.core.ResolvableType;

/**
 * An existing item was changed.
 * <pre>{@code
 * @EventListener
 * void on(ItemModifiedEvent<Order> event) {
 *     if (!event.newItem().status().equals(event.oldItem().status())) {
 *         notifications.statusChanged(event.newItem());
 *     }
 * }
 * }</pre>
 *
 * @param <T> the stream's item type
 */
public class ItemModifiedEvent<T> extends ItemChangeEvent<T> {

    /**
     * @param source the object that published the event
     * @param streamName the stream's name in the configuration
     * @param record the change
     * @param itemType the stream's item type
     * @param newItem the item after the change, or {@code null} when the view type holds no new image
     * @param oldItem the item before the change, or {@code null} when the view type holds no old image
     */
    public ItemModifiedEvent(Object source, String streamName, ChangeRecord record, ResolvableType itemType,
            T newItem, T oldItem) {
        super(source, streamName, record, itemType, newItem, oldItem);
    }

    ItemModifiedEvent(ResolvableType eventType, Object source, String streamName, ChangeRecord record, T newItem,
            T oldItem) {
        super(eventType, source, streamName, record, newItem, oldItem);
    }

    /** The item after the change; {@code null} when the stream's view type is KEYS_ONLY or OLD_IMAGE. */
    public T newItem() {
        return newImage();
    }

    /** The item before the change; {@code null} when the stream's view type is KEYS_ONLY or NEW_IMAGE. */
    public T oldItem() {
        return oldImage();
    }
}
