package io.github.dynamodbstream.spring.mapping;

import io.github.dynamodbstream.core.record.ChangeRecord;
import java.util.Map;
import org.springframework.core.ResolvableType;

/** Items as unmodifiable maps of plain Java values, for streams without an item type. */
final class PlainMapItemConverter implements ItemConverter<Map<String, Object>> {

    private static final ResolvableType MAP_TYPE =
            ResolvableType.forClassWithGenerics(Map.class, String.class, Object.class);

    @Override
    public ResolvableType itemType() {
        return MAP_TYPE;
    }

    @Override
    public Map<String, Object> newItem(ChangeRecord record) {
        return record.hasNewImage() ? record.newItem() : null;
    }

    @Override
    public Map<String, Object> oldItem(ChangeRecord record) {
        return record.hasOldImage() ? record.oldItem() : null;
    }
}
