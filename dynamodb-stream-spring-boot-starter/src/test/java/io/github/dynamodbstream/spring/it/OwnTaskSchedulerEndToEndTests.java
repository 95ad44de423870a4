package io.github.dynamodbstream.spring.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.dynamodbstream.emulator.DynamoDbEmulatorExtension;
import io.github.dynamodbstream.spring.event.ItemInsertedEvent;
import io.github.dynamodbstream.spring.poller.DynamoDbStreamListenerContainer;
import io.github.dynamodbstream.spring.support.OnEmulator;
import io.github.dynamodbstream.spring.support.TestItems;
import io.github.dynamodbstream.test.EmulatorTables;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.annotation.ScheduledAnnotationBeanPostProcessor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.config.ScheduledTask;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** An application that defines its own {@code TaskScheduler}: the ticks run on it, the rounds never do. */
@SpringBootTest(classes = OwnTaskSchedulerEndToEndTests.App.class, properties = {
        "dynamodb.stream.table-name=" + OwnTaskSchedulerEndToEndTests.TABLE,
        "dynamodb.stream.poll-interval=50ms"})
@DirtiesContext
class OwnTaskSchedulerEndToEndTests {

    static final String TABLE = "own-scheduler";

    @RegisterExtension
    static final DynamoDbEmulatorExtension EMULATOR = DynamoDbEmulatorExtension.create();

    @DynamicPropertySource
    static void emulator(DynamicPropertyRegistry registry) {
        EmulatorTables.createWithStream(EMULATOR.dynamoDbClient(), TABLE);
        OnEmulator.register(registry, EMULATOR.emulator());
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @EnableScheduling
    @Import(Listener.class)
    static class App {

        @Bean
        ThreadPoolTaskScheduler appScheduler() {
            ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
            scheduler.setThreadNamePrefix("app-scheduler-");
            scheduler.setPoolSize(1);
            return scheduler;
        }
    }

    static class Listener {

        final List<String> ids = new CopyOnWriteArrayList<>();
        final Set<String> listenerThreads = ConcurrentHashMap.newKeySet();
        final Set<String> tickThreads = ConcurrentHashMap.newKeySet();

        @Scheduled(fixedDelay = 20)
        void tick() {
            tickThreads.add(Thread.currentThread().getName());
        }

        @EventListener
        void on(ItemInsertedEvent<Map<String, Object>> event) {
            ids.add((String) event.item().get("id"));
            listenerThreads.add(Thread.currentThread().getName());
        }
    }

    @Autowired
    Listener listener;

    @Autowired
    ApplicationContext context;

    @Autowired
    DynamoDbStreamListenerContainer container;

    /** The consumer starts at LATEST: write only once its first round has positioned every shard. */
    @BeforeEach
    void firstRoundPositionedTheShards() {
        OnEmulator.awaitEveryStreamRunning(container);
    }

    @Test
    void ticksRunOnTheApplicationsSchedulerAndRoundsOnTheStartersThreads() {
        TestItems.put(EMULATOR.dynamoDbClient(), TABLE, "x", 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> listener.ids.contains("x"));

        assertThat(context.getBeansOfType(TaskScheduler.class).keySet()).containsExactly("appScheduler");
        assertThat(context.getBeansOfType(Executor.class).keySet()).as("the starter adds no executor bean")
                .containsExactly("appScheduler");
        assertThat(listener.listenerThreads).allMatch(name -> name.startsWith("dynamodb-stream-reader-"));
        assertThat(listener.tickThreads).isNotEmpty().allMatch(name -> name.startsWith("app-scheduler-"));
        assertThat(context.getBean(ScheduledAnnotationBeanPostProcessor.class).getScheduledTasks())
                .extracting(ScheduledTask::toString).anyMatch(task -> task.contains("DynamoDB stream '" + TABLE));
    }
}
