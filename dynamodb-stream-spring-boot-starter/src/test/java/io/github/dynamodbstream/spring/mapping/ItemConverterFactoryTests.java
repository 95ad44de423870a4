package io.github.dynamodbstream.spring.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dynamodbstream.core.ChangeRecord;
import io.github.dynamodbstream.core.ChangeType;
import io.github.dynamodbstream.spring.diagnostics.DynamoDbStreamConfigurationException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.FilteredClassLoader;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class ItemConverterFactoryTests {

    private final ItemConverterFactory factory = new ItemConverterFactory(null, getClass().getClassLoader());

    record Line(String sku, int quantity) {
    }

    record Order(String id, BigDecimal total, List<Line> lines) {
    }

    private static ChangeRecord insert(Map<String, AttributeValue> image) {
        return ChangeRecord.builder().type(ChangeType.INSERT).sequenceNumber("1").shardId("shard-1")
                .streamArn("arn:aws:dynamodb:us-east-1:123456789012:table/orders/stream/x").newImage(image).build();
    }

    @Test
    void plainRecordIsMappedByJacksonWithNestedValues() {
        ItemConverter<?> converter = factory.converterFor(Order.class, "dynamodb.stream.item-type");
        Object order = converter.newItem(insert(Map.of(
                "id", AttributeValue.fromS("o-1"),
                "total", AttributeValue.fromN("12.30"),
                "lines", AttributeValue.fromL(List.of(AttributeValue.fromM(Map.of(
                        "sku", AttributeValue.fromS("pen"), "quantity", AttributeValue.fromN("3"))))),
                "unknownAttribute", AttributeValue.fromS("ignored"))));
        assertThat(order).isEqualTo(new Order("o-1", new BigDecimal("12.30"), List.of(new Line("pen", 3))));
        assertThat(converter.itemType().resolve()).isEqualTo(Order.class);
        assertThat(converter.oldItem(insert(Map.of("id", AttributeValue.fromS("o-1"))))).isNull();
    }

    @Test
    void withoutItemTypeItemsArePlainMaps() {
        ItemConverter<?> converter = factory.converterFor(null, "dynamodb.stream.item-type");
        assertThat(converter.newItem(insert(Map.of("n", AttributeValue.fromN("1")))))
                .isEqualTo(Map.of("n", new BigDecimal("1")));
        assertThat(converter.itemType().toString()).isEqualTo("java.util.Map<java.lang.String, java.lang.Object>");
    }

    @Test
    void classJacksonCannotCreateIsRejectedAtStart() {
        assertThatThrownBy(() -> factory.converterFor(Runnable.class, "dynamodb.stream.streams.x.item-type"))
                .isInstanceOf(DynamoDbStreamConfigurationException.class)
                .hasMessageContaining("dynamodb.stream.streams.x.item-type")
                .hasMessageContaining("cannot be mapped to java.lang.Runnable");
    }

    @Test
    void withoutJacksonOrAnnotationsTheClassIsRejectedWithWhatToAdd() {
        ItemConverterFactory withoutJackson = new ItemConverterFactory(null, new FilteredClassLoader(
                "tools.jackson", "com.fasterxml.jackson"));
        assertThatThrownBy(() -> withoutJackson.converterFor(Order.class, "dynamodb.stream.item-type"))
                .isInstanceOfSatisfying(DynamoDbStreamConfigurationException.class, e -> {
                    assertThat(e.problem()).contains("Jackson is not on the class path");
                    assertThat(e.action()).contains("jackson-databind").contains("dynamodb-enhanced");
                });
    }
}
