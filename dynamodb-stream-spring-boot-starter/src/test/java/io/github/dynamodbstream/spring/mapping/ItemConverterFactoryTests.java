package io.github.dynamodbstream.spring.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dynamodbstream.core.record.ChangeRecord;
import io.github.dynamodbstream.core.record.ChangeType;
import io.github.dynamodbstream.spring.diagnostics.DynamoDbStreamConfigurationException;
import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.math.BigDecimal;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.FilteredClassLoader;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class ItemConverterFactoryTests {

    private final ItemConverterFactory factory = new ItemConverterFactory(null, getClass().getClassLoader());

    record Order(String id, BigDecimal total) {
    }

    private static ChangeRecord insert(Map<String, AttributeValue> image) {
        return ChangeRecord.builder().type(ChangeType.INSERT).sequenceNumber("1").shardId("shard-1")
                .streamArn("arn:aws:dynamodb:us-east-1:123456789012:table/orders/stream/x").newImage(image).build();
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
        ItemConverterFactory withoutJackson = new ItemConverterFactory(null, new FilteredClassLoader("tools.jackson"));
        assertThatThrownBy(() -> withoutJackson.converterFor(Order.class, "dynamodb.stream.item-type"))
                .isInstanceOfSatisfying(DynamoDbStreamConfigurationException.class, e -> {
                    assertThat(e.problem()).contains("dynamodb.stream.item-type").contains(Order.class.getName())
                            .contains("Jackson is not on the class path");
                    assertThat(e.action()).contains("tools.jackson.core:jackson-databind")
                            .contains("software.amazon.awssdk:dynamodb-enhanced")
                            .contains("remove dynamodb.stream.item-type");
                });
    }

    /** Loads the factory where Jackson 3 is truly absent: it must link, map plain maps and say what to add. */
    @Test
    void factoryLoadsAndWorksWhereJacksonIsAbsent() throws Exception {
        try (URLClassLoader withoutJackson = classPathWithout("/tools/jackson/")) {
            assertThatThrownBy(() -> withoutJackson.loadClass("tools.jackson.databind.json.JsonMapper"))
                    .isInstanceOf(ClassNotFoundException.class);
            Class<?> factoryType = withoutJackson.loadClass(ItemConverterFactory.class.getName());
            Object isolatedFactory = factoryType.getConstructor(
                            withoutJackson.loadClass("org.springframework.beans.factory.BeanFactory"),
                            ClassLoader.class)
                    .newInstance(null, withoutJackson);
            var converterFor = factoryType.getMethod("converterFor", Class.class, String.class);

            assertThat(converterFor.invoke(isolatedFactory, null, "dynamodb.stream.item-type")).isNotNull();
            Class<?> order = withoutJackson.loadClass(Order.class.getName());
            assertThatThrownBy(() -> converterFor.invoke(isolatedFactory, order, "dynamodb.stream.item-type"))
                    .isInstanceOf(InvocationTargetException.class)
                    .cause()
                    .hasMessageContaining("Jackson is not on the class path")
                    .extracting(cause -> cause.getClass().getName())
                    .isEqualTo(DynamoDbStreamConfigurationException.class.getName());
        }
    }

    /** The test class path (Surefire passes it in a property, IDEs in java.class.path), minus some entries. */
    private static URLClassLoader classPathWithout(String excludedPathPart) throws MalformedURLException {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<URL> urls = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            if (!entry.replace(File.separatorChar, '/').contains(excludedPathPart)) {
                urls.add(new File(entry).toURI().toURL());
            }
        }
        return new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    }
}
