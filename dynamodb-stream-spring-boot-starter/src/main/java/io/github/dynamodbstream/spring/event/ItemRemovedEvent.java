package io.github.dynamodbstream.spring.event;

import io.github.dynamodbstream.core.record.ChangeRecord;
import org.springframework.core.ResolvableType;

/**
 * An item was deleted, by a caller or by Time to Live.
 * <pre>{@code
 * @EventListener
 * void on(ItemRemovedEvent<Order> event) {
 *     if (event.isTimeToLiveDelete()) {
 *         archive.store(event.oldItem());
 *     }
 * }
 * }</pre>
 *
 * @param <T> the stream's item type
 */
public class ItemRemovedEvent<T> extends ItemChangeEvent<T> {

    /**
     * @param source the object that published the event
     * @param streamName the stream's name in the configuration
     * @param record the change
     * @param itemType the stream's item type
     * @param oldItem the deleted item, or {@code null} when the view type holds no old image
     */
    public ItemRemovedEvent(Object source, String streamName, ChangeRecord record, ResolvableType itemType,
            T oldItem) {
        super(source, streamName, record, itemType, null, oldItem);
    }

    ItemRemovedEvent(ResolvableType eventType, Object source, String streamName, ChangeRecord record, T oldItem) {
        super(eventType, source, streamName, record, null, oldItem);
    }

    /** The deleted item; {@code null} when the stream's view type is KEYS_ONLY or NEW_IMAGE. */
    public T oldItem() {
        return oldImage();
    }

    /** Whether DynamoDB deleted the item because its Time to Live expired, rather than a caller. */
    public boolean isTimeToLiveDelete() {
        return record().isTimeToLiveDelete();
    }
}
