package io.github.dynamodbstream.spring.mapping;

import io.github.dynamodbstream.core.record.ChangeRecord;
import io.github.dynamodbstream.core.record.ChangeType;
import io.github.dynamodbstream.spring.diagnostics.DynamoDbStreamConfigurationException;
import java.lang.annotation.Annotation;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.util.ClassUtils;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Picks the {@link ItemConverter} of a stream from its {@code item-type}, and checks at start that the type can be
 * mapped:
 * <ul>
 * <li>no item type: items are {@code Map<String, Object>} of plain Java values ({@link ChangeRecord#newItem()});</li>
 * <li>a class annotated with {@code @DynamoDbBean} or {@code @DynamoDbImmutable}: the DynamoDB Enhanced Client's
 * table schema ({@link ChangeRecord#newItem(Class)});</li>
 * <li>any other class, for example {@code record Order(String id, BigDecimal total)}: Jackson 3
 * ({@code tools.jackson.core:jackson-databind}) converts the plain values, with the application's {@code JsonMapper}
 * bean when there is exactly one (or a primary one), else with a {@code JsonMapper} of Jackson's defaults that
 * ignores attributes the class lacks. Jackson 2 is not used. Jackson 3 fails on an item that lacks the attribute of
 * a primitive ({@code DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES}): give attributes that may be absent a
 * wrapper type ({@code Boolean}, {@code Integer}).</li>
 * </ul>
 * Jackson and the Enhanced Client are optional: this class links to neither, so it loads without them.
 */
public final class ItemConverterFactory {

    private static final Set<String> ENHANCED_CLIENT_ANNOTATIONS = Set.of(
            "software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean",
            "software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbImmutable");
    private static final String JACKSON_MAPPER = "tools.jackson.databind.json.JsonMapper";
    /** A record to map once at start: building the table schema is what fails for a class that is not mappable. */
    private static final ChangeRecord PROBE = ChangeRecord.builder()
            .type(ChangeType.INSERT)
            .sequenceNumber("1")
            .shardId("probe")
            .streamArn("arn:aws:dynamodb:us-east-1:000000000000:table/probe/stream/probe")
            .newImage(Map.of("probe", AttributeValue.fromS("probe")))
            .build();

    private final BeanFactory beanFactory;
    private final ClassLoader classLoader;

    /**
     * @param beanFactory where to look for the application's {@code JsonMapper}, or {@code null} to use Jackson's
     *        defaults
     * @param classLoader where to look for Jackson, or {@code null} for Spring's default class loader
     */
    public ItemConverterFactory(BeanFactory beanFactory, ClassLoader classLoader) {
        this.beanFactory = beanFactory;
        this.classLoader = classLoader != null ? classLoader : ClassUtils.getDefaultClassLoader();
    }

    /**
     * The converter of items of the given type, checked by a trial mapping.
     *
     * @param itemType the class, or {@code null} for plain maps
     * @param property the property that named the class, for messages
     * @return the converter
     * @throws DynamoDbStreamConfigurationException when the class cannot be mapped
     */
    public ItemConverter<?> converterFor(Class<?> itemType, String property) {
        if (itemType == null) {
            return new PlainMapItemConverter();
        }
        if (isAnnotatedForEnhancedClient(itemType)) {
            TableSchemaItemConverter<?> converter = new TableSchemaItemConverter<>(itemType);
            check(() -> converter.newItem(PROBE), itemType, property, "the DynamoDB Enhanced Client",
                    "Check the class against the Enhanced Client's rules: a public no-argument constructor "
                    + "with getters and setters (@DynamoDbBean), or a builder (@DynamoDbImmutable).");
            return converter;
        }
        if (!ClassUtils.isPresent(JACKSON_MAPPER, classLoader)) {
            throw new DynamoDbStreamConfigurationException("Items of " + property + " cannot be mapped to "
                    + itemType.getName() + ": it is not annotated with @DynamoDbBean or @DynamoDbImmutable, and "
                    + "Jackson is not on the class path (Jackson 3, " + JACKSON_MAPPER + "; Jackson 2 is not used).",
                    "Add a Jackson 3 dependency (spring-boot-starter-jackson, or tools.jackson.core:jackson-databind), "
                    + "or annotate the class for the DynamoDB Enhanced Client (software.amazon.awssdk:"
                    + "dynamodb-enhanced), or remove " + property + " to receive items as maps.");
        }
        JacksonItemConverter<?> converter = JacksonItemConverter.create(itemType, beanFactory);
        check(converter::checkInstantiable, itemType, property, converter.toString(), "Give the class a constructor "
                + "or setters Jackson can use (a record works), or annotate it with @DynamoDbBean.");
        return converter;
    }

    private static boolean isAnnotatedForEnhancedClient(Class<?> type) {
        return Arrays.stream(type.getAnnotations())
                .map(Annotation::annotationType)
                .anyMatch(annotation -> ENHANCED_CLIENT_ANNOTATIONS.contains(annotation.getName()));
    }

    private static void check(Runnable trial, Class<?> itemType, String property, String mapper, String action) {
        try {
            trial.run();
        } catch (RuntimeException | LinkageError e) {
            throw new DynamoDbStreamConfigurationException("Items of " + property + " cannot be mapped to "
                    + itemType.getName() + " by " + mapper + ": " + e.getMessage(), action, e);
        }
    }
}
