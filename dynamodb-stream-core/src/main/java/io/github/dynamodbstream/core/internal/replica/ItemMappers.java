package io.github.dynamodbstream.core.internal.replica;

import io.github.dynamodbstream.core.DynamoDbStreamException;
import io.github.dynamodbstream.core.internal.record.EnhancedClient;
import io.github.dynamodbstream.core.internal.record.PlainItemConverter;
import io.github.dynamodbstream.core.internal.record.TableSchemaItemMapper;
import io.github.dynamodbstream.core.record.ItemMapper;
import java.util.Map;

/**
 * The mappers a replica turns images into items with, the same for stream records and scanned items: the
 * conversions of {@link io.github.dynamodbstream.core.record.ChangeRecord#newItem()} and
 * {@link io.github.dynamodbstream.core.record.ChangeRecord#newItem(Class)}.
 */
public final class ItemMappers {

    private ItemMappers() {
    }

    /** Images as plain Java maps, as {@code ChangeRecord.newItem()} gives them. */
    public static ItemMapper<Map<String, Object>> plain() {
        return image -> {
            try {
                return PlainItemConverter.toPlainMap(image);
            } catch (IllegalArgumentException e) {
                throw new DynamoDbStreamException("Cannot convert an item: " + e.getMessage(), e);
            }
        };
    }

    /**
     * Images as an annotated class of the DynamoDB Enhanced Client, as {@code ChangeRecord.newItem(Class)} maps them.
     *
     * @throws IllegalArgumentException when the enhanced client is not on the class path
     */
    public static <T> ItemMapper<T> forClass(Class<T> type) {
        if (!EnhancedClient.PRESENT) {
            throw new IllegalArgumentException("Cannot map replica items to " + type.getName()
                    + ": the DynamoDB Enhanced Client is not on the class path. Add the dependency "
                    + "software.amazon.awssdk:dynamodb-enhanced, or pass an ItemMapper.");
        }
        return image -> TableSchemaItemMapper.map(image, type);
    }
}
