package io.github.dynamodbstream.spring.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dynamodbstream.core.DynamoDbStreamException;
import io.github.dynamodbstream.core.record.ChangeRecord;
import io.github.dynamodbstream.core.record.ChangeType;
import io.github.dynamodbstream.spring.diagnostics.DynamoDbStreamConfigurationException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

class JacksonItemMappingTests {

    private static final String PROPERTY = "dynamodb.stream.item-type";

    private final ItemConverterFactory factory = new ItemConverterFactory(null, getClass().getClassLoader());

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner();

    record Line(String sku, int quantity) {
    }

    record Customer(String name, Map<String, Object> preferences) {
    }

    record Order(String id, BigDecimal total, Customer customer, List<Line> lines, Set<String> tags, boolean gift,
            String note) {
    }

    record Account(String accountId, String displayName) {
    }

    /** Notes whether Jackson's per-call argument spreading was on the stack when it was created. */
    record Traced(String id) {

        static final List<Boolean> SPREAD = new CopyOnWriteArrayList<>();

        Traced {
            SPREAD.add(StackWalker.getInstance(StackWalker.Option.SHOW_REFLECT_FRAMES).walk(frames -> frames.anyMatch(
                    frame -> frame.getMethodName().equals("invokeWithArguments"))));
        }
    }

    /** Created by a static factory method. */
    static final class Sku {

        private final String code;

        private Sku(String code) {
            this.code = code;
        }

        @JsonCreator
        static Sku of(@JsonProperty("code") String code, @JsonProperty("prefix") String prefix) {
            return new Sku(prefix + "-" + code);
        }
    }

    record Checked(String code) {

        Checked {
            if ("rejected".equals(code)) {
                throw new IllegalArgumentException("code " + code + " is not allowed");
            }
        }
    }

    /** Jackson cannot create it: abstract, and no type information says which subclass to build. */
    abstract static class Payment {

        abstract BigDecimal amount();
    }

    private static ChangeRecord insert(Map<String, AttributeValue> image) {
        return ChangeRecord.builder().type(ChangeType.INSERT).sequenceNumber("1").shardId("shard-1")
                .streamArn("arn:aws:dynamodb:us-east-1:123456789012:table/orders/stream/x").newImage(image).build();
    }

    private static Map<String, AttributeValue> orderImage(AttributeValue quantity) {
        return Map.of(
                "id", AttributeValue.fromS("o-1"),
                "total", AttributeValue.fromN("12.30"),
                "customer", AttributeValue.fromM(Map.of(
                        "name", AttributeValue.fromS("Ada"),
                        "preferences", AttributeValue.fromM(Map.of(
                                "newsletter", AttributeValue.fromBool(true),
                                "discount", AttributeValue.fromN("0.15"))))),
                "lines", AttributeValue.fromL(List.of(AttributeValue.fromM(Map.of(
                        "sku", AttributeValue.fromS("pen"), "quantity", quantity)))),
                "tags", AttributeValue.fromSs(List.of("gift", "express")),
                "gift", AttributeValue.fromBool(true),
                "note", AttributeValue.fromNul(true),
                "warehouse", AttributeValue.fromS("an attribute Order does not have"));
    }

    @Test
    void recordIsMappedWithNumbersNestedValuesCollectionsBooleansAndNulls() {
        ItemConverter<?> converter = factory.converterFor(Order.class, PROPERTY);

        Object order = converter.newItem(insert(orderImage(AttributeValue.fromN("3"))));

        assertThat(order).isEqualTo(new Order("o-1", new BigDecimal("12.30"),
                new Customer("Ada", Map.of("newsletter", true, "discount", new BigDecimal("0.15"))),
                List.of(new Line("pen", 3)), Set.of("gift", "express"), true, null));
        assertThat(converter.itemType().resolve()).isEqualTo(Order.class);
        assertThat(converter.oldItem(insert(orderImage(AttributeValue.fromN("3"))))).isNull();
    }

    /** Every kind of attribute value, some read into untyped fields. */
    record Everything(String text, long whole, BigDecimal decimal, Object anyNumber, byte[] binary, boolean flag,
            String nothing, Set<String> texts, Set<BigDecimal> numbers, List<Object> list, Map<String, Object> map,
            String binaryAsText) {
    }

    record Binaries(List<byte[]> binaries) {
    }

    @Test
    void everyKindOfValueIsReadAsJacksonReadsTheImagesPlainValues() {
        ItemConverter<?> converter = factory.converterFor(Everything.class, PROPERTY);
        Map<String, AttributeValue> image = new LinkedHashMap<>();
        image.put("text", AttributeValue.fromS("Ada"));
        image.put("whole", AttributeValue.fromN("-1234567890123"));
        image.put("decimal", AttributeValue.fromN("12.30"));
        image.put("anyNumber", AttributeValue.fromN("3"));
        image.put("binary", AttributeValue.fromB(SdkBytes.fromUtf8String("bytes")));
        image.put("flag", AttributeValue.fromBool(true));
        image.put("nothing", AttributeValue.fromNul(true));
        image.put("texts", AttributeValue.fromSs(List.of("a", "b")));
        image.put("numbers", AttributeValue.fromNs(List.of("1", "1E+3", "0.5", "12345678901234567890")));
        image.put("list", AttributeValue.fromL(List.of(AttributeValue.fromN("7"), AttributeValue.fromS("seven"),
                AttributeValue.fromM(Map.of("n", AttributeValue.fromN("-0"))))));
        image.put("map", AttributeValue.fromM(Map.of("amount", AttributeValue.fromN("100"),
                "tags", AttributeValue.fromSs(List.of("t")))));
        image.put("binaryAsText", AttributeValue.fromB(SdkBytes.fromUtf8String("hi")));
        ChangeRecord record = insert(image);
        JsonMapper plainValues = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();

        Object item = converter.newItem(record);

        assertThat(item).usingRecursiveComparison().withStrictTypeChecking()
                .isEqualTo(plainValues.convertValue(record.newItem(), Everything.class));
        assertThat(((Everything) item).anyNumber()).isEqualTo(new BigDecimal("3"));
        assertThat(((Everything) item).binaryAsText()).isEqualTo("aGk=");
    }

    @Test
    void aBinarySetIsReadAsBinaries() {
        ItemConverter<?> converter = factory.converterFor(Binaries.class, PROPERTY);

        Object item = converter.newItem(insert(Map.of("binaries",
                AttributeValue.fromBs(List.of(SdkBytes.fromUtf8String("x"), SdkBytes.fromUtf8String("y"))))));

        assertThat(((Binaries) item).binaries()).containsExactly("x".getBytes(), "y".getBytes());
    }

    @Test
    void recordsCreatorIsCalledWithoutSpreadingItsArgumentsOnEveryCall() {
        ItemConverter<?> converter = factory.converterFor(Traced.class, PROPERTY);
        Traced.SPREAD.clear();

        Object item = converter.newItem(insert(Map.of("id", AttributeValue.fromS("t-1"))));

        assertThat(item).isEqualTo(new Traced("t-1"));
        assertThat(Traced.SPREAD).first().isEqualTo(false);
    }

    @Test
    void staticFactoryCreatorIsCalledWithTheProperties() {
        ItemConverter<?> converter = factory.converterFor(Sku.class, PROPERTY);

        Object item = converter.newItem(insert(Map.of(
                "code", AttributeValue.fromS("123"), "prefix", AttributeValue.fromS("pen"))));

        assertThat(((Sku) item).code).isEqualTo("pen-123");
    }

    @Test
    void creatorThatThrowsFailsAsJacksonReportsIt() {
        ItemConverter<?> converter = factory.converterFor(Checked.class, PROPERTY);
        ChangeRecord record = insert(Map.of("code", AttributeValue.fromS("rejected")));

        assertThatThrownBy(() -> converter.newItem(record))
                .isInstanceOf(DynamoDbStreamException.class)
                .hasMessageContaining("Cannot map the new image of " + record + " to " + Checked.class.getName())
                .hasMessageNotContaining("rejected")
                .hasNoCause();
        assertThat(converter.newItem(insert(Map.of("code", AttributeValue.fromS("c-1")))))
                .isEqualTo(new Checked("c-1"));
    }

    @Test
    void attributeOfTheWrongTypeFailsNamingTheRecordAndTheAttributePath() {
        ItemConverter<?> converter = factory.converterFor(Order.class, PROPERTY);
        ChangeRecord record = insert(orderImage(AttributeValue.fromS("many")));

        assertThatThrownBy(() -> converter.newItem(record))
                .isInstanceOf(DynamoDbStreamException.class)
                .hasMessageContaining("Cannot map the new image of " + record)
                .hasMessageContaining("to " + Order.class.getName())
                .hasMessageContaining("attribute lines[0].quantity could not be read as int")
                .hasMessageNotContaining("many")
                .hasNoCause();
    }

    @Test
    void itemLackingTheAttributeOfAPrimitiveFailsNamingIt() {
        ItemConverter<?> converter = factory.converterFor(Order.class, PROPERTY);

        assertThatThrownBy(() -> converter.newItem(insert(Map.of("id", AttributeValue.fromS("o-1")))))
                .isInstanceOf(DynamoDbStreamException.class)
                .hasMessageContaining("attribute gift could not be read as boolean");
    }

    @Test
    void classJacksonCannotCreateIsRejectedAtStartNamingTheClassAndTheProperty() {
        assertThatThrownBy(() -> factory.converterFor(Payment.class, "dynamodb.stream.streams.payments.item-type"))
                .isInstanceOfSatisfying(DynamoDbStreamConfigurationException.class, e -> {
                    assertThat(e.problem())
                            .startsWith("Items of dynamodb.stream.streams.payments.item-type cannot be mapped to "
                                    + Payment.class.getName() + " by Jackson")
                            .contains("Cannot construct instance of `" + Payment.class.getName() + "`");
                    assertThat(e.action()).contains("a record works").contains("@DynamoDbBean");
                });
    }

    @Test
    void applicationsJsonMapperBeanIsUsed() {
        contextRunner.withBean(JsonMapper.class, () -> JsonMapper.builder()
                        .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                        .build())
                .run(context -> {
                    ItemConverter<?> converter = new ItemConverterFactory(context.getBeanFactory(),
                            context.getClassLoader()).converterFor(Account.class, PROPERTY);

                    assertThat(converter.newItem(insert(Map.of(
                            "account_id", AttributeValue.fromS("a-1"),
                            "display_name", AttributeValue.fromS("Ada")))))
                            .isEqualTo(new Account("a-1", "Ada"));
                    assertThat(converter).hasToString("Jackson (the application's JsonMapper bean)");
                });
    }

    @Test
    void withSeveralJsonMapperBeansJacksonDefaultsAreUsed() {
        contextRunner
                .withBean("snakeCase", JsonMapper.class, () -> JsonMapper.builder()
                        .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build())
                .withBean("kebabCase", JsonMapper.class, () -> JsonMapper.builder()
                        .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE).build())
                .run(context -> {
                    ItemConverter<?> converter = new ItemConverterFactory(context.getBeanFactory(),
                            context.getClassLoader()).converterFor(Account.class, PROPERTY);

                    assertThat(converter.newItem(insert(Map.of(
                            "accountId", AttributeValue.fromS("a-1"),
                            "account_id", AttributeValue.fromS("ignored")))))
                            .isEqualTo(new Account("a-1", null));
                    assertThat(converter).hasToString("Jackson (a JsonMapper of its defaults)");
                });
    }
}
