package io.github.dynamodbstream.spring.aot;

import io.github.dynamodbstream.core.record.ChangeRecord;
import io.github.dynamodbstream.spring.DynamoDbStreamProperties;
import io.github.dynamodbstream.spring.event.DataLossEvent;
import io.github.dynamodbstream.spring.event.DynamoDbStreamEvent;
import io.github.dynamodbstream.spring.event.ItemChangeEvent;
import io.github.dynamodbstream.spring.event.ItemChangesEvent;
import io.github.dynamodbstream.spring.event.ItemInsertedEvent;
import io.github.dynamodbstream.spring.event.ItemModifiedEvent;
import io.github.dynamodbstream.spring.event.ItemRemovedEvent;
import io.github.dynamodbstream.spring.event.NewShardsEvent;
import io.github.dynamodbstream.spring.event.RecordFailedEvent;
import io.github.dynamodbstream.spring.event.RemovedShardsEvent;
import io.github.dynamodbstream.spring.event.ShardsEvent;
import java.util.List;
import org.springframework.aot.hint.ExecutableMode;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.boot.context.properties.bind.BindableRuntimeHintsRegistrar;
import org.springframework.context.event.SimpleApplicationEventMulticaster;
import org.springframework.util.ReflectionUtils;

/**
 * The runtime hints of what the starter reads reflectively whatever the configuration: the properties it binds
 * stream by stream, the public methods of its events and of the change record (which {@code @EventListener}
 * conditions read), the multicaster's executor (to refuse asynchronous listeners) and the JDBC checkpoint store's
 * schema scripts. The item types the properties name have their hints from {@link ItemTypeHintsAotProcessor}.
 * Registered in {@code META-INF/spring/aot.factories}.
 */
class DynamoDbStreamRuntimeHints implements RuntimeHintsRegistrar {

    static final List<Class<?>> EVENTS = List.of(DynamoDbStreamEvent.class, ItemChangeEvent.class,
            ItemInsertedEvent.class, ItemModifiedEvent.class, ItemRemovedEvent.class, ItemChangesEvent.class,
            RecordFailedEvent.class, DataLossEvent.class, ShardsEvent.class, NewShardsEvent.class,
            RemovedShardsEvent.class);

    @Override
    public void registerHints(RuntimeHints hints, ClassLoader classLoader) {
        BindableRuntimeHintsRegistrar.forTypes(DynamoDbStreamProperties.class, DynamoDbStreamProperties.Stream.class)
                .registerHints(hints, classLoader);
        for (Class<?> event : EVENTS) {
            hints.reflection().registerType(event, MemberCategory.INVOKE_PUBLIC_METHODS);
        }
        hints.reflection().registerType(ChangeRecord.class, MemberCategory.INVOKE_PUBLIC_METHODS);
        hints.reflection().registerMethod(
                ReflectionUtils.findMethod(SimpleApplicationEventMulticaster.class, "getTaskExecutor"),
                ExecutableMode.INVOKE);
        hints.resources().registerPattern("io/github/dynamodbstream/spring/checkpoint/jdbc/*.sql");
    }
}
