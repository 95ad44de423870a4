package io.github.dynamodbstream.test;

import java.util.List;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/** Gives a test class annotated with {@link EmbeddedDynamoDbStreams} its emulator; registered in spring.factories. */
final class EmbeddedDynamoDbStreamsContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        EmbeddedDynamoDbStreams options =
                TestContextAnnotationUtils.findMergedAnnotation(testClass, EmbeddedDynamoDbStreams.class);
        return options == null ? null
                : new EmbeddedDynamoDbStreamsContextCustomizer(EmbeddedEmulator.of(options, testClass));
    }
}
