package io.github.dynamodbstream.spring.mapping;

import io.github.dynamodbstream.core.ChangeRecord;
import io.github.dynamodbstream.core.DynamoDbStreamException;
import java.util.Map;
import org.springframework.core.ResolvableType;

/** Items of a plain class (a record, a JavaBean), converted by Jackson from the image's plain Java values. */
final class JacksonItemConverter<T> implements ItemConverter<T> {

    private final Class<T> type;
    private final JacksonValueConverter jackson;

    JacksonItemConverter(Class<T> type, JacksonValueConverter jackson) {
        this.type = type;
        this.jackson = jackson;
    }

    @Override
    public ResolvableType itemType() {
        return ResolvableType.forClass(type);
    }

    @Override
    public T newItem(ChangeRecord record) {
        return record.hasNewImage() ? convert(record.newItem(), record, "new") : null;
    }

    @Override
    public T oldItem(ChangeRecord record) {
        return record.hasOldImage() ? convert(record.oldItem(), record, "old") : null;
    }

    private T convert(Map<String, Object> item, ChangeRecord record, String which) {
        try {
            return jackson.convert(item, type);
        } catch (IllegalArgumentException e) {
            throw new DynamoDbStreamException("Cannot map the " + which + " image of " + record + " to "
                    + type.getName() + " with " + jackson + ": " + e.getMessage()
                    + ". Check that the class's property names and types match the table's attributes.", e);
        }
    }
}
