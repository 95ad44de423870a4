package io.github.dynamodbstream.spring.aot;

import io.github.dynamodbstream.spring.ConfiguredStream;
import io.github.dynamodbstream.spring.StreamDefinitions;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.ReflectionHints;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Registers, when the application is processed ahead of time, the reflection hints of the item types its
 * {@code item-type} properties name (at the top level and per stream): binding hints for Jackson (constructors,
 * fields, accessors, recursively), and for classes annotated for the DynamoDB Enhanced Client their public
 * constructors and methods, an immutable's builder and the converter providers. Registered in
 * {@code META-INF/spring/aot.factories}; contributes nothing when the starter's streams are not configured.
 */
class ItemTypeHintsAotProcessor implements BeanFactoryInitializationAotProcessor {

    private static final String DYNAMODB_BEAN =
            "software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean";
    private static final String DYNAMODB_IMMUTABLE =
            "software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbImmutable";
    private static final MemberCategory[] ENHANCED_CLIENT_MEMBERS = {
        MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS, MemberCategory.INVOKE_PUBLIC_METHODS};

    @Override
    public BeanFactoryInitializationAotContribution processAheadOfTime(ConfigurableListableBeanFactory beanFactory) {
        if (beanFactory.getBeanNamesForType(StreamDefinitions.class, true, false).length == 0
                || !beanFactory.containsBean(ConfigurableApplicationContext.ENVIRONMENT_BEAN_NAME)) {
            return null;
        }
        Set<Class<?>> itemTypes = itemTypes(beanFactory.getBean(Environment.class), beanFactory.getBeanClassLoader());
        if (itemTypes.isEmpty()) {
            return null;
        }
        return (context, code) -> itemTypes.forEach(type -> register(context.getRuntimeHints().reflection(), type));
    }

    /**
     * The classes the item-type properties name; a name that does not load is left out (the application then fails
     * to start, saying which property names it).
     */
    static Set<Class<?>> itemTypes(Environment environment, ClassLoader classLoader) {
        Set<Class<?>> types = new LinkedHashSet<>();
        for (ConfiguredStream stream : ConfiguredStream.all(environment)) {
            String name = stream.settings().getItemType();
            if (StringUtils.hasText(name)) {
                try {
                    types.add(ClassUtils.forName(name.trim(), classLoader));
                } catch (ClassNotFoundException | LinkageError e) {
                    // Left for the start to report.
                }
            }
        }
        return types;
    }

    static void register(ReflectionHints reflection, Class<?> itemType) {
        new BindingReflectionHintsRegistrar().registerReflectionHints(reflection, itemType);
        MergedAnnotations annotations = MergedAnnotations.from(itemType);
        for (String annotationName : new String[] {DYNAMODB_BEAN, DYNAMODB_IMMUTABLE}) {
            MergedAnnotation<?> annotation = annotations.get(annotationName);
            if (annotation.isPresent()) {
                reflection.registerType(itemType, ENHANCED_CLIENT_MEMBERS);
                for (Class<?> provider : annotation.getClassArray("converterProviders")) {
                    reflection.registerType(provider, ENHANCED_CLIENT_MEMBERS);
                }
                if (annotationName.equals(DYNAMODB_IMMUTABLE)) {
                    reflection.registerType(annotation.getClass("builder"), ENHANCED_CLIENT_MEMBERS);
                }
            }
        }
    }
}
