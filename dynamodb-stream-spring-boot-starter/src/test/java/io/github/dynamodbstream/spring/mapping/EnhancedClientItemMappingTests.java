package io.github.dynamodbstream.spring.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dynamodbstream.core.record.ChangeRecord;
import io.github.dynamodbstream.core.record.ChangeType;
import io.github.dynamodbstream.spring.diagnostics.DynamoDbStreamConfigurationException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.FilteredClassLoader;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class EnhancedClientItemMappingTests {

    private static final String PROPERTY = "dynamodb.stream.item-type";

    private final ItemConverterFactory factory = new ItemConverterFactory(null, getClass().getClassLoader());

    /** Not a bean: the Enhanced Client needs a public no-argument constructor. */
    @DynamoDbBean
    public static class OrderWithoutDefaultConstructor {

        private final String id;

        public OrderWithoutDefaultConstructor(String id) {
            this.id = id;
        }

        public String getId() {
            return id;
        }
    }

    private static ChangeRecord record(ChangeType type, Map<String, AttributeValue> newImage,
            Map<String, AttributeValue> oldImage) {
        return ChangeRecord.builder().type(type).sequenceNumber("7").shardId("shard-1")
                .streamArn("arn:aws:dynamodb:us-east-1:123456789012:table/orders/stream/x")
                .newImage(newImage).oldImage(oldImage).build();
    }

    private static Map<String, AttributeValue> orderImage(String total, boolean paid) {
        return Map.of(
                "id", AttributeValue.fromS("o-1"),
                "total", AttributeValue.fromN(total),
                "paid", AttributeValue.fromBool(paid),
                "lines", AttributeValue.fromL(List.of(AttributeValue.fromS("pen"), AttributeValue.fromS("ink"))),
                "tags", AttributeValue.fromSs(List.of("gift", "express")),
                "warehouse", AttributeValue.fromS("not in the class"));
    }

    @Test
    void beanIsMappedByTheEnhancedClientFromBothImages() {
        ItemConverter<?> converter = factory.converterFor(EnhancedClientOrder.class, PROPERTY);
        ChangeRecord modify = record(ChangeType.MODIFY, orderImage("12.30", true), orderImage("10", false));

        assertThat(converter.itemType().resolve()).isEqualTo(EnhancedClientOrder.class);
        assertThat(converter.newItem(modify)).isInstanceOfSatisfying(EnhancedClientOrder.class, order -> {
            assertThat(order.getId()).isEqualTo("o-1");
            assertThat(order.getTotal()).isEqualTo(new BigDecimal("12.30"));
            assertThat(order.isPaid()).isTrue();
            assertThat(order.getLines()).containsExactly("pen", "ink");
            assertThat(order.getTags()).isEqualTo(Set.of("gift", "express"));
        });
        assertThat(converter.oldItem(modify)).isInstanceOfSatisfying(EnhancedClientOrder.class, order -> {
            assertThat(order.getTotal()).isEqualTo(new BigDecimal("10"));
            assertThat(order.isPaid()).isFalse();
        });
    }

    @Test
    void immutableClassIsBuiltThroughItsBuilder() {
        ItemConverter<?> converter = factory.converterFor(EnhancedClientOrderSnapshot.class, PROPERTY);
        ChangeRecord insert = record(ChangeType.INSERT, Map.of(
                "id", AttributeValue.fromS("o-2"),
                "total", AttributeValue.fromN("99.95"),
                "status", AttributeValue.fromS("SHIPPED")), Map.of());

        assertThat(converter.newItem(insert)).isInstanceOfSatisfying(EnhancedClientOrderSnapshot.class, order -> {
            assertThat(order.getId()).isEqualTo("o-2");
            assertThat(order.getTotal()).isEqualTo(new BigDecimal("99.95"));
            assertThat(order.getStatus()).isEqualTo("SHIPPED");
        });
        assertThat(converter.oldItem(insert)).isNull();
    }

    @Test
    void removeHasOnlyTheOldItem() {
        ItemConverter<?> converter = factory.converterFor(EnhancedClientOrder.class, PROPERTY);
        ChangeRecord remove = record(ChangeType.REMOVE, Map.of(), orderImage("5.00", true));

        assertThat(converter.newItem(remove)).isNull();
        assertThat(converter.oldItem(remove)).isInstanceOfSatisfying(EnhancedClientOrder.class,
                order -> assertThat(order.getTotal()).isEqualTo(new BigDecimal("5.00")));
    }

    @Test
    void annotatedClassesAreMappedWithoutJackson() {
        ItemConverterFactory withoutJackson = new ItemConverterFactory(null, new FilteredClassLoader("tools.jackson"));
        ItemConverter<?> converter = withoutJackson.converterFor(EnhancedClientOrderSnapshot.class, PROPERTY);

        assertThat(converter.newItem(record(ChangeType.INSERT, Map.of("id", AttributeValue.fromS("o-3")), Map.of())))
                .isInstanceOfSatisfying(EnhancedClientOrderSnapshot.class,
                        order -> assertThat(order.getId()).isEqualTo("o-3"));
    }

    @Test
    void beanWithoutDefaultConstructorIsRejectedAtStart() {
        assertThatThrownBy(() -> factory.converterFor(OrderWithoutDefaultConstructor.class,
                "dynamodb.stream.streams.orders.item-type"))
                .isInstanceOfSatisfying(DynamoDbStreamConfigurationException.class, e -> {
                    assertThat(e.problem()).contains("dynamodb.stream.streams.orders.item-type")
                            .contains("cannot be mapped to " + OrderWithoutDefaultConstructor.class.getName())
                            .contains("by the DynamoDB Enhanced Client");
                    assertThat(e.action()).contains("public no-argument constructor");
                });
    }
}
