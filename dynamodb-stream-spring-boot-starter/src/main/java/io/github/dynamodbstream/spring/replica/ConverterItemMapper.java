package io.github.dynamodbstream.spring.replica;

import io.github.dynamodbstream.core.record.ChangeRecord;
import io.github.dynamodbstream.core.record.ChangeType;
import io.github.dynamodbstream.core.record.ItemMapper;
import io.github.dynamodbstream.spring.StreamDefinition;
import io.github.dynamodbstream.spring.mapping.ItemConverter;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Maps scanned items and stream images with the stream's {@link ItemConverter}, so that a replica holds items of the
 * same type, mapped the same way, as the stream's events carry.
 */
final class ConverterItemMapper<T> implements ItemMapper<T> {

    private final ItemConverter<T> converter;
    private final String streamArn;

    ConverterItemMapper(ItemConverter<T> converter, StreamDefinition stream) {
        this.converter = converter;
        this.streamArn = stream.streamArn().toString();
    }

    @Override
    public T map(Map<String, AttributeValue> image) {
        // The converter reads the new image of a change; an item of the table is one.
        return converter.newItem(ChangeRecord.builder()
                .type(ChangeType.INSERT)
                .newImage(image)
                .sequenceNumber("0")
                .shardId("replica")
                .eventId("replica")
                .streamArn(streamArn)
                .build());
    }
}
