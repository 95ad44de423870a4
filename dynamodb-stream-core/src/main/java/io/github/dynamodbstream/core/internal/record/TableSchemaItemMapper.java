package io.github.dynamodbstream.core.internal.record;

import io.github.dynamodbstream.core.DynamoDbStreamException;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Maps images to annotated classes with the DynamoDB Enhanced Client's {@link TableSchema}, one schema per class.
 * Use this class only when {@link EnhancedClient#PRESENT}: it links to the optional {@code dynamodb-enhanced}
 * dependency.
 */
public final class TableSchemaItemMapper {

    private static final ClassValue<TableSchema<?>> SCHEMAS = new ClassValue<>() {
        @Override
        protected TableSchema<?> computeValue(Class<?> type) {
            return TableSchema.fromClass(type);
        }
    };

    private TableSchemaItemMapper() {
    }

    /**
     * Maps one image to the given class.
     *
     * @throws DynamoDbStreamException naming the class, when it is not mappable or the mapping fails
     */
    public static <T> T map(Map<String, AttributeValue> image, Class<T> type) {
        TableSchema<?> schema;
        try {
            schema = SCHEMAS.get(type);
        } catch (RuntimeException e) {
            throw new DynamoDbStreamException("Cannot map stream items to " + type.getName()
                    + ": the DynamoDB Enhanced Client has no table schema for it (" + e.getMessage() + "). Annotate it "
                    + "with @DynamoDbBean (public no-argument constructor, getters and setters) or @DynamoDbImmutable, "
                    + "or pass an ItemMapper.", e);
        }
        try {
            return type.cast(schema.mapToItem(image));
        } catch (RuntimeException e) {
            throw new DynamoDbStreamException("Cannot map a stream item to " + type.getName() + ": " + e.getMessage()
                    + ". Check that the class's attribute names and types match the table's items.", e);
        }
    }
}
