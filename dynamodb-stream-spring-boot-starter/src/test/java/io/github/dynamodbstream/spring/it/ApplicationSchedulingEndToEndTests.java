package io.github.dynamodbstream.spring.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.dynamodbstream.emulator.DynamoDbEmulatorExtension;
import io.github.dynamodbstream.spring.event.ItemInsertedEvent;
import io.github.dynamodbstream.spring.support.OnEmulator;
import io.github.dynamodbstream.spring.support.TestItems;
import io.github.dynamodbstream.test.EmulatorTables;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An application with scheduling of its own, on Spring Boot's single-threaded {@code taskScheduler}: its
 * {@code @Scheduled} task keeps ticking while the stream drains a backlog.
 */
@SpringBootTest(classes = ApplicationSchedulingEndToEndTests.App.class, properties = {
        "dynamodb.stream.table-name=" + ApplicationSchedulingEndToEndTests.TABLE,
        "dynamodb.stream.starting-position=TRIM_HORIZON",
        "dynamodb.stream.poll-interval=50ms",
        "spring.task.scheduling.pool.size=1"})
@DirtiesContext
class ApplicationSchedulingEndToEndTests {

    static final String TABLE = "backlog";
    static final int BACKLOG = 3000;

    @RegisterExtension
    static final DynamoDbEmulatorExtension EMULATOR = DynamoDbEmulatorExtension.create();

    @DynamicPropertySource
    static void emulator(DynamicPropertyRegistry registry) {
        EmulatorTables.createWithStream(EMULATOR.dynamoDbClient(), TABLE);
        TestItems.putMany(EMULATOR.dynamoDbClient(), TABLE, "backlog", BACKLOG);
        OnEmulator.register(registry, EMULATOR.emulator());
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @EnableScheduling
    @Import(ApplicationTask.class)
    static class App {
    }

    /** The application's own scheduled task, and a listener that holds the first record until the task ticked. */
    static class ApplicationTask {

        final AtomicInteger ticks = new AtomicInteger();
        final CountDownLatch ticksWhileFirstRecordIsHeld = new CountDownLatch(5);
        final Set<String> ids = ConcurrentHashMap.newKeySet();
        final Set<String> tickThreads = ConcurrentHashMap.newKeySet();
        volatile boolean holdingFirstRecord;
        volatile boolean ticksArrivedWhileHeld;
        volatile int ticksAtFirstRecord = -1;
        volatile int ticksAtLastRecord = -1;

        @Scheduled(fixedDelay = 10)
        void tick() {
            ticks.incrementAndGet();
            tickThreads.add(Thread.currentThread().getName());
            if (holdingFirstRecord) {
                ticksWhileFirstRecordIsHeld.countDown();
            }
        }

        @EventListener
        void on(ItemInsertedEvent<Map<String, Object>> event) throws InterruptedException {
            if (ticksAtFirstRecord < 0) {
                ticksAtFirstRecord = ticks.get();
                holdingFirstRecord = true;
                ticksArrivedWhileHeld = ticksWhileFirstRecordIsHeld.await(10, TimeUnit.SECONDS);
                holdingFirstRecord = false;
            }
            ids.add((String) event.item().get("id"));
            if (ids.size() == BACKLOG) {
                ticksAtLastRecord = ticks.get();
            }
        }
    }

    @Autowired
    ApplicationTask task;

    @Test
    void applicationsScheduledTaskKeepsItsCadenceWhileTheStreamDrainsABacklog() {
        await().atMost(Duration.ofSeconds(30)).until(() -> task.ids.size() == BACKLOG);
        assertThat(task.ticksArrivedWhileHeld)
                .as("the application's task ticked while a listener held the round").isTrue();
        assertThat(task.ticksAtLastRecord - task.ticksAtFirstRecord).isGreaterThanOrEqualTo(5);
        assertThat(task.tickThreads).allMatch(name -> name.startsWith("scheduling-"));
    }
}
