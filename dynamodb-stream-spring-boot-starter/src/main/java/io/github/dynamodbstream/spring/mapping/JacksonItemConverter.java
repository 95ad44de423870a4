package io.github.dynamodbstream.spring.mapping;

import io.github.dynamodbstream.core.DynamoDbStreamException;
import io.github.dynamodbstream.core.record.ChangeRecord;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.core.ResolvableType;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.util.TokenBuffer;

/**
 * Items of a plain class (a record, a JavaBean), read by Jackson 3 from the image's plain Java values: from the
 * tokens those values serialize to ({@link ImageTokens}), written straight from the attribute values. The mapper is a
 * copy of the one given, with the same configuration and modules, that calls creators directly
 * ({@link DirectCreators}). This, {@link ImageTokens} and {@link DirectCreators} are the only classes of the starter
 * that link to Jackson: create it only when {@code JsonMapper} is on the class path.
 */
final class JacksonItemConverter<T> implements ItemConverter<T> {

    private static final Logger log = LoggerFactory.getLogger(JacksonItemConverter.class);

    private final Class<T> type;
    private final ResolvableType itemType;
    private final JsonMapper mapper;
    private final ObjectReader reader;
    private final String mapperDescription;

    private JacksonItemConverter(Class<T> type, JsonMapper mapper, String mapperDescription) {
        this.type = type;
        this.itemType = ResolvableType.forClass(type);
        this.mapper = mapper.rebuild().addModule(DirectCreators.module()).build();
        this.reader = this.mapper.readerFor(type);
        this.mapperDescription = mapperDescription;
    }

    /**
     * The converter of the type, with the application's {@code JsonMapper} when there is exactly one bean of it (or
     * a primary one), else with {@link DefaultMapper#INSTANCE}.
     *
     * @param beanFactory where to look for the application's mapper, or {@code null}
     */
    static <T> JacksonItemConverter<T> create(Class<T> type, BeanFactory beanFactory) {
        JsonMapper applicationMapper =
                beanFactory == null ? null : beanFactory.getBeanProvider(JsonMapper.class).getIfUnique();
        JacksonItemConverter<T> converter = applicationMapper != null
                ? new JacksonItemConverter<>(type, applicationMapper, "Jackson (the application's JsonMapper bean)")
                : new JacksonItemConverter<>(type, DefaultMapper.INSTANCE, "Jackson (a JsonMapper of its defaults)");
        log.debug("Items of type {} are mapped by {}", type.getName(), converter.mapperDescription);
        return converter;
    }

    /**
     * Checks that Jackson can create an instance of the type from an item without attributes. Missing primitives are
     * let through here: they fail (or not, as the mapper is configured) on the items that lack them.
     *
     * @throws IllegalArgumentException with Jackson's reason, when it cannot
     */
    void checkInstantiable() {
        try {
            reader.without(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                            DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES,
                            DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
                    .readValue(mapper.createObjectNode());
        } catch (JacksonException e) {
            throw new IllegalArgumentException(reason(e), e);
        }
    }

    @Override
    public ResolvableType itemType() {
        return itemType;
    }

    @Override
    public T newItem(ChangeRecord record) {
        return record.hasNewImage() ? convert(record.newImage(), record, "new") : null;
    }

    @Override
    public T oldItem(ChangeRecord record) {
        return record.hasOldImage() ? convert(record.oldImage(), record, "old") : null;
    }

    private T convert(Map<String, AttributeValue> image, ChangeRecord record, String which) {
        TokenBuffer tokens;
        try {
            tokens = ImageTokens.of(image);
        } catch (IllegalArgumentException e) {
            throw new DynamoDbStreamException("Cannot convert the " + which + " image of " + record + ": "
                    + e.getMessage(), e);
        }
        try (JsonParser parser = tokens.asParser()) {
            return reader.readValue(parser);
        } catch (JacksonException e) {
            // Jackson's message quotes the value it could not read: item contents stay out of the exception, which
            // is logged at WARN and ERROR, and go to DEBUG only.
            log.debug("Jackson could not map the {} image of {} to {}", which, record, type.getName(), e);
            throw new DynamoDbStreamException("Cannot map the " + which + " image of " + record + " to "
                    + type.getName() + " with " + mapperDescription + ": " + reasonWithoutValues(e)
                    + ". Check that the class's property names and types match the table's attributes "
                    + "(the value is logged at DEBUG by " + JacksonItemConverter.class.getName() + ").");
        }
    }

    private static String reasonWithoutValues(JacksonException e) {
        String path = path(e);
        String subject = path.isEmpty() ? "the item" : "attribute " + path;
        Class<?> target = e instanceof MismatchedInputException mismatch ? mismatch.getTargetType() : null;
        return subject + " could not be read" + (target == null ? "" : " as " + target.getTypeName());
    }

    /** Jackson's message without its location (always absent for converted values), with the attribute's path. */
    private static String reason(JacksonException e) {
        String path = path(e);
        return path.isEmpty() ? e.getOriginalMessage() : e.getOriginalMessage() + " (attribute " + path + ")";
    }

    private static String path(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** Names the mapper, for messages. */
    @Override
    public String toString() {
        return mapperDescription;
    }

    /**
     * The mapper used when the application has none: Jackson's defaults, except that attributes the class lacks are
     * ignored (items usually hold more attributes than a class maps), as in Spring Boot's own mapper. Built on first
     * use.
     */
    private static final class DefaultMapper {

        static final JsonMapper INSTANCE = JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }
}
