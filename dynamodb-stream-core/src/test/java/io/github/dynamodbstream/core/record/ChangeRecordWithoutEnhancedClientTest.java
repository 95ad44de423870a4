package io.github.dynamodbstream.core.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.dynamodbstream.core.DynamoDbStreamException;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Loads the core classes again with the optional enhanced client hidden, as on an application's class path. */
class ChangeRecordWithoutEnhancedClientTest {

    @Test
    void typedMappingSaysWhichDependencyToAddAndPlainMappingStillWorks() throws Exception {
        URL coreClasses = ChangeRecord.class.getProtectionDomain().getCodeSource().getLocation();
        ClassLoader withoutEnhancedClient = new ClassLoader(ChangeRecord.class.getClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (name.startsWith("software.amazon.awssdk.enhanced.")
                        || name.startsWith("io.github.dynamodbstream.core.")) {
                    throw new ClassNotFoundException(name);
                }
                return super.loadClass(name, resolve);
            }
        };
        try (URLClassLoader isolated = new URLClassLoader(new URL[] {coreClasses}, withoutEnhancedClient)) {
            Object change = buildInsert(isolated);

            Throwable typed = catchThrowable(() -> change.getClass().getMethod("newItem", Class.class)
                    .invoke(change, OrderBean.class));
            Object plain = change.getClass().getMethod("newItem").invoke(change);

            assertThat(typed).isInstanceOf(InvocationTargetException.class);
            assertThat(typed.getCause().getClass().getName()).isEqualTo(DynamoDbStreamException.class.getName());
            assertThat(typed.getCause()).hasMessageContaining("Cannot map stream items to " + OrderBean.class.getName())
                    .hasMessageContaining("software.amazon.awssdk:dynamodb-enhanced")
                    .hasMessageContaining("ItemMapper");
            assertThat(plain).isEqualTo(Map.of("id", "order-1"));
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object buildInsert(ClassLoader loader) throws Exception {
        Class<?> changeRecord = loader.loadClass(ChangeRecord.class.getName());
        Class<? extends Enum> changeType = (Class<? extends Enum>) loader.loadClass(ChangeType.class.getName());
        Object builder = changeRecord.getMethod("builder").invoke(null);
        Class<?> builderType = builder.getClass();
        builderType.getMethod("type", changeType).invoke(builder, Enum.valueOf(changeType, "INSERT"));
        builderType.getMethod("sequenceNumber", String.class).invoke(builder, "1");
        builderType.getMethod("shardId", String.class).invoke(builder, "shard-1");
        builderType.getMethod("streamArn", String.class)
                .invoke(builder, "arn:aws:dynamodb:us-east-1:123456789012:table/orders/stream/1");
        builderType.getMethod("newImage", Map.class).invoke(builder, Map.of("id", AttributeValue.fromS("order-1")));
        return builderType.getMethod("build").invoke(builder);
    }
}
