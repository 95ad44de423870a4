package io.github.dynamodbstream.spring.aot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.dynamodbstream.core.replica.DynamoDbTableReplica;
import io.github.dynamodbstream.emulator.DynamoDbEmulator;
import io.github.dynamodbstream.emulator.DynamoDbEmulatorExtension;
import io.github.dynamodbstream.spring.DynamoDbStreamAutoConfiguration;
import io.github.dynamodbstream.spring.checkpoint.DynamoDbStreamCheckpointAutoConfiguration;
import io.github.dynamodbstream.spring.mapping.EnhancedClientOrder;
import io.github.dynamodbstream.spring.poller.DynamoDbStreamPollerAutoConfiguration;
import io.github.dynamodbstream.spring.replica.DynamoDbTableReplicaAutoConfiguration;
import io.github.dynamodbstream.spring.support.OnEmulator;
import io.github.dynamodbstream.spring.support.TestItems;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.aot.test.generate.TestGenerationContext;
import org.springframework.beans.factory.annotation.BeanFactoryAnnotationUtils;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.ResolvableType;
import org.springframework.core.test.tools.CompileWithForkedClassLoader;
import org.springframework.core.test.tools.TestCompiler;
import org.springframework.javapoet.ClassName;

/**
 * The starter processed ahead of time, as a native image build or {@code spring.aot.enabled} runs do: the generated
 * bean definitions compile, carry the hints of the configured item type, and start a context that reads the
 * stream into a replica bean typed and qualified as without AOT.
 */
@CompileWithForkedClassLoader
class AheadOfTimeProcessingTests {

    @RegisterExtension
    static final DynamoDbEmulatorExtension EMULATOR =
            DynamoDbEmulatorExtension.of(DynamoDbEmulator.builder().shardsPerStream(1));

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({DynamoDbStreamAutoConfiguration.class, DynamoDbStreamCheckpointAutoConfiguration.class,
        DynamoDbStreamPollerAutoConfiguration.class, DynamoDbTableReplicaAutoConfiguration.class})
    static class App {
    }

    @Test
    void theContextProcessedAheadOfTimeStartsFromItsGeneratedInitializer() {
        String table = OnEmulator.newTable(EMULATOR, "aot");
        TestPropertyValues properties = TestPropertyValues.of(OnEmulator.properties(EMULATOR.emulator(),
                "dynamodb.stream.table-name=" + table, "dynamodb.stream.poll-interval=50ms",
                "dynamodb.stream.item-type=" + EnhancedClientOrder.class.getName(),
                "dynamodb.stream.replica.enabled=true"));
        AnnotationConfigApplicationContext processed = new AnnotationConfigApplicationContext();
        properties.applyTo(processed);
        processed.register(App.class);
        TestGenerationContext generation = new TestGenerationContext();
        ClassName initializer = new ApplicationContextAotGenerator().processAheadOfTime(processed, generation);
        generation.writeGeneratedContent();

        assertThat(RuntimeHintsPredicates.reflection().onType(EnhancedClientOrder.class).withMemberCategories(
                MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS, MemberCategory.INVOKE_PUBLIC_METHODS))
                .accepts(generation.getRuntimeHints());
        TestCompiler.forSystem().with(generation).compile(compiled -> {
            try (GenericApplicationContext started = new GenericApplicationContext()) {
                properties.applyTo(started);
                @SuppressWarnings("unchecked")
                ApplicationContextInitializer<GenericApplicationContext> generated =
                        compiled.getInstance(ApplicationContextInitializer.class, initializer.reflectionName());
                generated.initialize(started);
                started.refresh();

                DynamoDbTableReplica<?> typed = (DynamoDbTableReplica<?>) started.getBeanProvider(
                        ResolvableType.forClassWithGenerics(DynamoDbTableReplica.class, EnhancedClientOrder.class))
                        .getObject();
                assertThat(BeanFactoryAnnotationUtils.qualifiedBeanOfType(started.getBeanFactory(),
                        DynamoDbTableReplica.class, table)).isSameAs(typed);
                TestItems.put(EMULATOR.dynamoDbClient(), table, "order-1", 1);
                await().atMost(Duration.ofSeconds(15)).until(() -> typed.get("order-1") != null);
                assertThat(typed.get("order-1")).isInstanceOfSatisfying(EnhancedClientOrder.class,
                        order -> assertThat(order.getId()).isEqualTo("order-1"));
            }
        });
    }
}
