package io.github.dynamodbstream.spring.poller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.dynamodbstream.emulator.DynamoDbEmulatorExtension;
import io.github.dynamodbstream.spring.DynamoDbStreamAutoConfiguration;
import io.github.dynamodbstream.spring.checkpoint.DynamoDbStreamCheckpointAutoConfiguration;
import io.github.dynamodbstream.spring.event.ItemChangeEvent;
import io.github.dynamodbstream.spring.support.OnEmulator;
import io.github.dynamodbstream.spring.support.TestItems;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.event.EventListener;

/**
 * With {@code spring.threads.virtual.enabled=true}, the shard readers (which run the listeners) are virtual threads
 * on Java 21 and later, and stay platform threads on Java 17. The suite runs this class on Java 17 and, where the
 * machine has it, once more on Java 25 (the {@code java25} profile of this module).
 */
class VirtualThreadReadersTests {

    @RegisterExtension
    static final DynamoDbEmulatorExtension EMULATOR = DynamoDbEmulatorExtension.create();

    private final ApplicationContextRunner contextRunner = OnEmulator.pollingContextRunner(EMULATOR.emulator(),
            DynamoDbStreamAutoConfiguration.class, DynamoDbStreamCheckpointAutoConfiguration.class,
            DynamoDbStreamPollerAutoConfiguration.class)
            .withUserConfiguration(ListenerThreads.class)
            .withPropertyValues("spring.threads.virtual.enabled=true");

    static class ListenerThreads {

        final List<Thread> threads = new CopyOnWriteArrayList<>();

        @EventListener
        void on(ItemChangeEvent<?> event) {
            threads.add(Thread.currentThread());
        }
    }

    private Thread listenerThread() {
        String table = OnEmulator.newTable(EMULATOR, "virtual");
        List<Thread> seen = new CopyOnWriteArrayList<>();
        contextRunner.withPropertyValues("dynamodb.stream.table-name=" + table).run(context -> {
            TestItems.put(EMULATOR.dynamoDbClient(), table, "a", 1);
            ListenerThreads listener = context.getBean(ListenerThreads.class);
            await().atMost(Duration.ofSeconds(10)).until(() -> !listener.threads.isEmpty());
            seen.addAll(listener.threads);
        });
        return seen.get(0);
    }

    private static boolean isVirtual(Thread thread) throws ReflectiveOperationException {
        return (boolean) Thread.class.getMethod("isVirtual").invoke(thread);
    }

    @Test
    @EnabledForJreRange(min = JRE.JAVA_21)
    void onJava21AndLaterTheListenersRunOnVirtualReaderThreads() throws ReflectiveOperationException {
        Thread thread = listenerThread();
        assertThat(isVirtual(thread)).isTrue();
        assertThat(thread.getName()).startsWith("dynamodb-stream-reader-");
    }

    @Test
    @EnabledForJreRange(max = JRE.JAVA_20)
    void onJava17TheReadersStayDaemonPlatformThreads() {
        Thread thread = listenerThread();
        assertThat(thread.isDaemon()).isTrue();
        assertThat(thread.getName()).startsWith("dynamodb-stream-reader-");
    }
}
