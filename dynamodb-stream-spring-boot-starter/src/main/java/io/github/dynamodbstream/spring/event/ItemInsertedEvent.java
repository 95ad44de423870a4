package io.github.dynamodbstream.spring.event;

import io.github.dynamodbstream.core.record.ChangeRecord;
import org.springframework.core.ResolvableType;

/**
 * An item was added to the table.
 * <pre>{@code
 * @EventListener
 * void on(ItemInsertedEvent<Order> event) {
 *     Order order = event.item();
 *     shipping.prepare(order);
 * }
 * }</pre>
 * Without an {@code item-type}, the item is a {@code Map<String, Object>}: listen to
 * {@code ItemInsertedEvent<Map<String, Object>>}.
 *
 * @param <T> the stream's item type
 */
public class ItemInsertedEvent<T> extends ItemChangeEvent<T> {

    /**
     * @param source the object that published the event
     * @param streamName the stream's name in the configuration
     * @param record the change
     * @param itemType the stream's item type
     * @param item the new item, or {@code null} when the stream's view type holds no new image
     */
    public ItemInsertedEvent(Object source, String streamName, ChangeRecord record, ResolvableType itemType, T item) {
        super(source, streamName, record, itemType, item, null);
    }

    ItemInsertedEvent(ResolvableType eventType, Object source, String streamName, ChangeRecord record, T item) {
        super(eventType, source, streamName, record, item, null);
    }

    /** The new item; {@code null} when the stream's view type is KEYS_ONLY or OLD_IMAGE. */
    public T item() {
        return newImage();
    }
}
