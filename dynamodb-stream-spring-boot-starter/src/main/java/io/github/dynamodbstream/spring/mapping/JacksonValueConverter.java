package io.github.dynamodbstream.spring.mapping;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.util.ClassUtils;

/**
 * Calls {@code convertValue(Object, Class)} of a Jackson mapper. Jackson is an optional dependency of the starter,
 * in either generation, so it is reached by reflection: Jackson 3 ({@code tools.jackson.databind.json.JsonMapper},
 * Spring Boot 4's default) first, Jackson 2 ({@code com.fasterxml.jackson.databind.ObjectMapper}) otherwise. The
 * application's mapper bean is used when there is exactly one; else a mapper of Jackson's defaults.
 */
final class JacksonValueConverter {

    static final String JACKSON_3_MAPPER = "tools.jackson.databind.json.JsonMapper";
    static final String JACKSON_2_MAPPER = "com.fasterxml.jackson.databind.ObjectMapper";
    private static final String JACKSON_3_FEATURE = "tools.jackson.databind.DeserializationFeature";
    private static final String JACKSON_2_FEATURE = "com.fasterxml.jackson.databind.DeserializationFeature";

    private final Object mapper;
    private final Method convertValue;

    private JacksonValueConverter(Object mapper) throws NoSuchMethodException {
        this.mapper = mapper;
        this.convertValue = mapper.getClass().getMethod("convertValue", Object.class, Class.class);
    }

    /**
     * The converter of the first Jackson found on the class path, preferring the application's mapper bean.
     *
     * @param beanFactory where to look for the application's mapper, or {@code null}
     * @param classLoader where to look for Jackson
     */
    static Optional<JacksonValueConverter> find(BeanFactory beanFactory, ClassLoader classLoader) {
        try {
            if (ClassUtils.isPresent(JACKSON_3_MAPPER, classLoader)) {
                Class<?> type = ClassUtils.forName(JACKSON_3_MAPPER, classLoader);
                Object bean = uniqueBean(beanFactory, type);
                return Optional.of(new JacksonValueConverter(
                        bean != null ? bean : lenientJackson3Mapper(type, classLoader)));
            }
            if (ClassUtils.isPresent(JACKSON_2_MAPPER, classLoader)) {
                Class<?> type = ClassUtils.forName(JACKSON_2_MAPPER, classLoader);
                Object bean = uniqueBean(beanFactory, type);
                return Optional.of(new JacksonValueConverter(
                        bean != null ? bean : lenientJackson2Mapper(type, classLoader)));
            }
            return Optional.empty();
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("Jackson is on the class path but could not be used: " + e, e);
        }
    }

    private static Object uniqueBean(BeanFactory beanFactory, Class<?> type) {
        return beanFactory == null ? null : beanFactory.getBeanProvider(type).getIfUnique();
    }

    /*
     * Jackson's own defaults fail on unknown properties, and items usually hold more attributes than a class maps, so
     * the default mappers ignore them (as Spring Boot's mapper beans do).
     */
    private static Object lenientJackson3Mapper(Class<?> type, ClassLoader classLoader)
            throws ReflectiveOperationException {
        Object builder = type.getMethod("builder").invoke(null);
        Class<?> feature = ClassUtils.forName(JACKSON_3_FEATURE, classLoader);
        builder.getClass().getMethod("configure", feature, boolean.class)
                .invoke(builder, failOnUnknownProperties(feature), false);
        return builder.getClass().getMethod("build").invoke(builder);
    }

    private static Object lenientJackson2Mapper(Class<?> type, ClassLoader classLoader)
            throws ReflectiveOperationException {
        Object mapper = type.getConstructor().newInstance();
        type.getMethod("findAndRegisterModules").invoke(mapper);
        Class<?> feature = ClassUtils.forName(JACKSON_2_FEATURE, classLoader);
        type.getMethod("configure", feature, boolean.class).invoke(mapper, failOnUnknownProperties(feature), false);
        return mapper;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object failOnUnknownProperties(Class<?> feature) {
        return Enum.valueOf((Class<? extends Enum>) feature, "FAIL_ON_UNKNOWN_PROPERTIES");
    }

    /**
     * Converts plain values to the type.
     *
     * @throws IllegalArgumentException with Jackson's message, when Jackson cannot convert them
     */
    <T> T convert(Map<String, Object> value, Class<T> type) {
        try {
            return type.cast(convertValue.invoke(mapper, value, type));
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw new IllegalArgumentException(cause.getMessage(), cause);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("Cannot call " + convertValue + ": " + e.getMessage(), e);
        }
    }

    /** Names the mapper's class, for messages. */
    @Override
    public String toString() {
        return "Jackson (" + mapper.getClass().getName() + ")";
    }
}
