package io.github.dynamodbstream.spring.mapping;

import io.github.dynamodbstream.core.record.ChangeRecord;
import org.springframework.core.ResolvableType;

/**
 * Turns the images of a {@link ChangeRecord} into the items of a stream's events. One converter serves one stream;
 * {@link ItemConverterFactory} picks it from the stream's {@code item-type}.
 *
 * @param <T> the item type
 */
public interface ItemConverter<T> {

    /** The type of the items this converter returns; events of its stream are typed with it. */
    ResolvableType itemType();

    /**
     * The item after the change.
     *
     * @param record the change
     * @return the item, or {@code null} when the record has no new image (a REMOVE, or a view type without it)
     * @throws io.github.dynamodbstream.core.DynamoDbStreamException naming the record and the type, when the image
     *         cannot be mapped
     */
    T newItem(ChangeRecord record);

    /**
     * The item before the change.
     *
     * @param record the change
     * @return the item, or {@code null} when the record has no old image (an INSERT, or a view type without it)
     * @throws io.github.dynamodbstream.core.DynamoDbStreamException naming the record and the type, when the image
     *         cannot be mapped
     */
    T oldItem(ChangeRecord record);
}
