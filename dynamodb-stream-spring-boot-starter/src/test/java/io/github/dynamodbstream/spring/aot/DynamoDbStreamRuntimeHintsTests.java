package io.github.dynamodbstream.spring.aot;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dynamodbstream.core.record.ChangeRecord;
import io.github.dynamodbstream.spring.event.DynamoDbStreamEvent;
import io.github.dynamodbstream.spring.mapping.EnhancedClientOrder;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.aot.AotServices;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.context.event.SimpleApplicationEventMulticaster;
import org.springframework.core.type.filter.AssignableTypeFilter;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.util.ClassUtils;

/** The runtime hints of what the starter reflects on, whatever the configuration and for the item types named. */
class DynamoDbStreamRuntimeHintsTests {

    public record JacksonOrder(String id, BigDecimal total, Customer customer) {
    }

    public record Customer(String name) {
    }

    private final RuntimeHints hints = new RuntimeHints();

    @Test
    void theStarterRegistersItsHintsThroughAotFactories() {
        assertThat(AotServices.factories().load(RuntimeHintsRegistrar.class))
                .hasAtLeastOneElementOfType(DynamoDbStreamRuntimeHints.class);
    }

    @Test
    void everyEventTheStarterPublishesHasItsPublicMethodsForListenerConditions() throws ClassNotFoundException {
        new DynamoDbStreamRuntimeHints().registerHints(hints, getClass().getClassLoader());
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false) {
            @Override
            protected boolean isCandidateComponent(AnnotatedBeanDefinition definition) {
                return true;
            }
        };
        scanner.addIncludeFilter(new AssignableTypeFilter(DynamoDbStreamEvent.class));
        List<String> events = scanner.findCandidateComponents(DynamoDbStreamEvent.class.getPackageName()).stream()
                .map(definition -> definition.getBeanClassName()).toList();
        assertThat(events).hasSizeGreaterThanOrEqualTo(10);
        for (String event : events) {
            assertThat(RuntimeHintsPredicates.reflection().onType(ClassUtils.forName(event, null))
                    .withMemberCategory(MemberCategory.INVOKE_PUBLIC_METHODS)).as(event).accepts(hints);
        }
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(ChangeRecord.class, "sequenceNumber"))
                .accepts(hints);
    }

    @Test
    void whatTheStarterReadsReflectivelyOrAsResourcesHasHints() {
        new DynamoDbStreamRuntimeHints().registerHints(hints, getClass().getClassLoader());
        assertThat(RuntimeHintsPredicates.reflection()
                .onMethodInvocation(SimpleApplicationEventMulticaster.class, "getTaskExecutor")).accepts(hints);
        assertThat(RuntimeHintsPredicates.resource()
                .forResource("io/github/dynamodbstream/spring/checkpoint/jdbc/schema.sql")).accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onType(
                io.github.dynamodbstream.spring.DynamoDbStreamProperties.Stream.class)).accepts(hints);
    }

    @Test
    void theItemTypesOfEveryStreamAreFoundInTheEnvironment() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("dynamodb.stream.table-name", "orders")
                .withProperty("dynamodb.stream.item-type", JacksonOrder.class.getName())
                .withProperty("dynamodb.stream.streams.enhanced.table-name", "enhanced")
                .withProperty("dynamodb.stream.streams.enhanced.item-type", EnhancedClientOrder.class.getName())
                .withProperty("dynamodb.stream.streams.missing.table-name", "missing")
                .withProperty("dynamodb.stream.streams.missing.item-type", "com.example.Missing");
        assertThat(ItemTypeHintsAotProcessor.itemTypes(environment, getClass().getClassLoader()))
                .containsExactly(JacksonOrder.class, EnhancedClientOrder.class);
    }

    @Test
    void aJacksonItemTypeHasBindingHintsDownToItsNestedTypes() {
        ItemTypeHintsAotProcessor.register(hints.reflection(), JacksonOrder.class);
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(JacksonOrder.class, "total"))
                .accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onType(Customer.class)
                .withMemberCategory(MemberCategory.INVOKE_DECLARED_CONSTRUCTORS)).accepts(hints);
    }

    @Test
    void anEnhancedClientItemTypeHasItsPublicConstructorsAndMethods() {
        ItemTypeHintsAotProcessor.register(hints.reflection(), EnhancedClientOrder.class);
        assertThat(RuntimeHintsPredicates.reflection().onType(EnhancedClientOrder.class).withMemberCategories(
                MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS, MemberCategory.INVOKE_PUBLIC_METHODS)).accepts(hints);
    }
}
