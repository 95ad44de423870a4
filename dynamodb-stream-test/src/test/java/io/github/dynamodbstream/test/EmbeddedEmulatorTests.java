package io.github.dynamodbstream.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dynamodbstream.emulator.DynamoDbEmulator;
import io.github.dynamodbstream.test.EmbeddedDynamoDbStreams.Table;
import java.io.IOException;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.context.aot.AbstractAotProcessor;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.test.context.ContextCustomizer;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

class EmbeddedEmulatorTests {

    private final EmbeddedDynamoDbStreamsContextCustomizerFactory factory =
            new EmbeddedDynamoDbStreamsContextCustomizerFactory();

    @EmbeddedDynamoDbStreams(tables = @Table(name = "orders", partitionKey = "id"))
    static class Orders {
    }

    @EmbeddedDynamoDbStreams(tables = @Table(name = "orders", partitionKey = "id"))
    static class SameOptions {
    }

    @EmbeddedDynamoDbStreams(shardsPerStream = 1, tables = @Table(name = "orders", partitionKey = "id"))
    static class OneShard {
    }

    @EmbeddedDynamoDbStreams(tables = @Table(name = "orders", partitionKey = "id",
            streamViewType = StreamViewType.NEW_IMAGE))
    static class NewImages {
    }

    @Retention(RetentionPolicy.RUNTIME)
    @EmbeddedDynamoDbStreams(tables = @Table(name = "orders", partitionKey = "id"))
    @interface OrdersEmulator {
    }

    @OrdersEmulator
    static class MetaAnnotated {
    }

    static class NotAnnotated {
    }

    @Test
    void startsTheEmulatorForTheContextAndStopsItWhenTheContextCloses() throws IOException {
        URI endpoint;
        try (GenericApplicationContext context = new GenericApplicationContext()) {
            EmbeddedEmulator.of(Orders.class).initialize(context);
            context.refresh();
            DynamoDbEmulator emulator = context.getBean(DynamoDbEmulator.class);
            endpoint = emulator.endpoint();
            assertThat(context.getEnvironment().getPropertySources().get(EmbeddedEmulator.PROPERTY_SOURCE_NAME)
                    .getProperty("dynamodb.stream.endpoint")).isEqualTo(endpoint.toString());
            assertThat(accepts(endpoint)).isTrue();
        }
        assertThat(accepts(endpoint)).as("stopped with the context").isFalse();
    }

    @Test
    void stopsTheEmulatorWhenTheContextFailsToStart() throws IOException {
        GenericApplicationContext context = new GenericApplicationContext();
        EmbeddedEmulator.of(Orders.class).initialize(context);
        Object emulator = context.getBeanFactory().getSingleton(EmbeddedEmulator.BEAN_NAME);
        URI endpoint = ((DynamoDbEmulator) emulator).endpoint();
        context.registerBean("failing", Object.class, () -> {
            throw new IllegalStateException("cannot start");
        });

        assertThatThrownBy(context::refresh).isInstanceOf(BeanCreationException.class);

        assertThat(accepts(endpoint)).isFalse();
    }

    @Test
    void equalOptionsMakeEqualCustomizersSoTestClassesShareTheirContextAndEmulator() {
        assertThat(customizer(SameOptions.class)).isEqualTo(customizer(Orders.class))
                .hasSameHashCodeAs(customizer(Orders.class));
        assertThat(customizer(MetaAnnotated.class)).isEqualTo(customizer(Orders.class));
        assertThat(customizer(OneShard.class)).isNotEqualTo(customizer(Orders.class));
        assertThat(customizer(NewImages.class)).isNotEqualTo(customizer(Orders.class));
    }

    @Test
    void aClassWithoutTheAnnotationGetsNoCustomizer() {
        assertThat(factory.createContextCustomizer(NotAnnotated.class, List.of())).isNull();
    }

    @Test
    void startsNothingDuringAotProcessing() {
        try (GenericApplicationContext context = new GenericApplicationContext()) {
            System.setProperty(AbstractAotProcessor.AOT_PROCESSING, "true");
            try {
                customizer(Orders.class).customizeContext(context, null);
            } finally {
                System.clearProperty(AbstractAotProcessor.AOT_PROCESSING);
            }
            assertThat(context.getEnvironment().getPropertySources().contains(EmbeddedEmulator.PROPERTY_SOURCE_NAME))
                    .isFalse();
            assertThat(context.getBeanFactory().containsSingleton(EmbeddedEmulator.BEAN_NAME)).isFalse();
        }
    }

    @Test
    void outsideAotProcessingTheCustomizerStartsTheEmulator() {
        try (GenericApplicationContext context = new GenericApplicationContext()) {
            customizer(Orders.class).customizeContext(context, null);
            context.refresh();
            assertThat(context.getEnvironment().getProperty("dynamodb.stream.endpoint"))
                    .isEqualTo(context.getBean(DynamoDbEmulator.class).endpoint().toString());
        }
    }

    @Test
    void aClassWithoutTheAnnotationIsRefusedWithWhatToDo() {
        assertThatIllegalArgumentException().isThrownBy(() -> EmbeddedEmulator.of(NotAnnotated.class))
                .withMessageContaining(NotAnnotated.class.getName())
                .withMessageContaining("is not annotated with @EmbeddedDynamoDbStreams");
    }

    @EmbeddedDynamoDbStreams(shardsPerStream = 0)
    static class NoShards {
    }

    @EmbeddedDynamoDbStreams(rotation = "4 hours")
    static class RotationInWords {
    }

    @EmbeddedDynamoDbStreams(rotation = "-1h")
    static class NegativeRotation {
    }

    @EmbeddedDynamoDbStreams(region = " ")
    static class BlankRegion {
    }

    @EmbeddedDynamoDbStreams(tables = @Table(name = "ab", partitionKey = "id"))
    static class ShortTableName {
    }

    @EmbeddedDynamoDbStreams(tables = @Table(name = "orders", partitionKey = ""))
    static class NoPartitionKey {
    }

    @EmbeddedDynamoDbStreams(tables = @Table(name = "orders", partitionKey = "id", sortKey = "id"))
    static class SortKeyIsThePartitionKey {
    }

    @EmbeddedDynamoDbStreams(tables = {@Table(name = "orders", partitionKey = "id"),
            @Table(name = "orders", partitionKey = "key")})
    static class TwoTablesOfOneName {
    }

    @Test
    void optionsThatMakeNoSenseAreRefusedNamingTheOptionAndTheClass() {
        assertRefused(NoShards.class, "shardsPerStream must be between 1 and 10000, got 0");
        assertRefused(RotationInWords.class, "rotation '4 hours' is not a duration: use for example 500ms, 30s");
        assertRefused(NegativeRotation.class, "rotationInterval must be a positive duration");
        assertRefused(BlankRegion.class, "region must not be blank");
        assertRefused(ShortTableName.class, "table name 'ab' is not a DynamoDB table name: use 3 to 255");
        assertRefused(NoPartitionKey.class, "table 'orders' has no partitionKey");
        assertRefused(SortKeyIsThePartitionKey.class, "names 'id' as both partitionKey and sortKey");
        assertRefused(TwoTablesOfOneName.class, "two tables are named 'orders'");
    }

    private void assertRefused(Class<?> testClass, String message) {
        assertThatIllegalArgumentException().isThrownBy(() -> customizer(testClass))
                .withMessageStartingWith("@EmbeddedDynamoDbStreams of " + testClass.getName() + ": ")
                .withMessageContaining(message);
    }

    private ContextCustomizer customizer(Class<?> testClass) {
        return factory.createContextCustomizer(testClass, List.of());
    }

    private static boolean accepts(URI endpoint) throws IOException {
        try (Socket socket = new Socket(endpoint.getHost(), endpoint.getPort())) {
            return socket.isConnected();
        } catch (ConnectException e) {
            return false;
        }
    }
}
