package io.github.dynamodbstream.spring.mapping;

import io.github.dynamodbstream.core.record.ChangeRecord;
import org.springframework.core.ResolvableType;

/** Items of a class annotated for the DynamoDB Enhanced Client, mapped with its table schema. */
final class TableSchemaItemConverter<T> implements ItemConverter<T> {

    private final Class<T> type;

    TableSchemaItemConverter(Class<T> type) {
        this.type = type;
    }

    @Override
    public ResolvableType itemType() {
        return ResolvableType.forClass(type);
    }

    @Override
    public T newItem(ChangeRecord record) {
        return record.newItem(type);
    }

    @Override
    public T oldItem(ChangeRecord record) {
        return record.oldItem(type);
    }
}
