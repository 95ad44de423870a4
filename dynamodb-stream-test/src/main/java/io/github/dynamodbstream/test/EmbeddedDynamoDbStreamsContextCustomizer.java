package io.github.dynamodbstream.test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.aot.AbstractAotProcessor;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Runs an {@link EmbeddedEmulator} for a test's application context. Part of the context's cache key: test classes
 * whose options are equal share a context, and its emulator: customizers are equal when their emulators are.
 */
record EmbeddedDynamoDbStreamsContextCustomizer(EmbeddedEmulator emulator) implements ContextCustomizer {

    /**
     * Starts nothing during AOT processing: there the context is only inspected, never refreshed nor closed, so an
     * emulator would never stop (and its server thread would keep the build's JVM alive). When the tests run, in AOT
     * mode too, this customizer runs again and the endpoint of that run's emulator is set then.
     */
    @Override
    public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
        if (!Boolean.getBoolean(AbstractAotProcessor.AOT_PROCESSING)) {
            emulator.initialize(context);
        }
    }
}
