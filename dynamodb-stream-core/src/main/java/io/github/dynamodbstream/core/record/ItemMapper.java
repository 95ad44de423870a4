package io.github.dynamodbstream.core.record;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Turns an item image into an object of the application's own type, for {@link ChangeRecord#newItem(ItemMapper)}
 * and {@link ChangeRecord#oldItem(ItemMapper)}.
 *
 * <p>Example, with a table schema of the DynamoDB Enhanced Client built by hand:
 * <pre>{@code
 * ItemMapper<Order> orders = ORDER_SCHEMA::mapToItem;
 * Order order = record.newItem(orders);
 * }</pre>
 *
 * @param <T> the application's type
 */
@FunctionalInterface
public interface ItemMapper<T> {

    /**
     * Maps one image.
     *
     * @param image the item's attributes, never {@code null} nor empty
     * @return the mapped object
     */
    T map(Map<String, AttributeValue> image);
}
