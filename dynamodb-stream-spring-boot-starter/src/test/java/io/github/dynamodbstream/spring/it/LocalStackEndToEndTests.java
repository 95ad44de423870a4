package io.github.dynamodbstream.spring.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.dynamodbstream.spring.event.ItemInsertedEvent;
import io.github.dynamodbstream.spring.event.ItemModifiedEvent;
import io.github.dynamodbstream.spring.event.ItemRemovedEvent;
import io.github.dynamodbstream.spring.support.LocalStack;
import io.github.dynamodbstream.spring.support.TestItems;
import io.github.dynamodbstream.test.EmulatorTables;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.localstack.LocalStackContainer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The typed insert, modify and remove events against LocalStack's DynamoDB Streams; skipped without Docker. */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(classes = LocalStackEndToEndTests.App.class, properties = {
        "dynamodb.stream.table-name=" + LocalStackEndToEndTests.TABLE,
        "dynamodb.stream.item-type=io.github.dynamodbstream.spring.it.LocalStackEndToEndTests$Order",
        "dynamodb.stream.poll-interval=100ms"})
@DirtiesContext
class LocalStackEndToEndTests {

    static final String TABLE = "orders";

    @Container
    static final LocalStackContainer LOCALSTACK = LocalStack.container();

    @DynamicPropertySource
    static void localStack(DynamicPropertyRegistry registry) {
        try (DynamoDbClient client = LocalStack.dynamoDbClient(LOCALSTACK)) {
            EmulatorTables.createWithStream(client, TABLE);
        }
        registry.add("dynamodb.stream.endpoint", () -> LOCALSTACK.getEndpoint().toString());
        registry.add("dynamodb.stream.region", LOCALSTACK::getRegion);
        registry.add("dynamodb.stream.credentials.access-key-id", LOCALSTACK::getAccessKey);
        registry.add("dynamodb.stream.credentials.secret-access-key", LOCALSTACK::getSecretKey);
    }

    public record Order(String id, int version, BigDecimal total) {
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(Listeners.class)
    static class App {
    }

    static class Listeners {

        final List<Order> inserted = new CopyOnWriteArrayList<>();
        final List<Order> modifiedFrom = new CopyOnWriteArrayList<>();
        final List<Order> modifiedTo = new CopyOnWriteArrayList<>();
        final List<Order> removed = new CopyOnWriteArrayList<>();

        @EventListener
        void on(ItemInsertedEvent<Order> event) {
            inserted.add(event.item());
        }

        @EventListener
        void on(ItemModifiedEvent<Order> event) {
            modifiedFrom.add(event.oldItem());
            modifiedTo.add(event.newItem());
        }

        @EventListener
        void on(ItemRemovedEvent<Order> event) {
            removed.add(event.oldItem());
        }
    }

    @Autowired
    Listeners listeners;

    @Test
    void deliversTypedInsertModifyAndRemoveEventsFromLocalStack() {
        try (DynamoDbClient client = LocalStack.dynamoDbClient(LOCALSTACK)) {
            // LATEST starts where the stream is when the first round runs: write once the consumer is reading.
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
                TestItems.put(client, TABLE, "probe", listeners.inserted.size() + 1);
                return !listeners.inserted.isEmpty();
            });
            TestItems.put(client, TABLE, "o-1", 1);
            TestItems.put(client, TABLE, "o-1", 2);
            TestItems.delete(client, TABLE, "o-1");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> listeners.removed.stream()
                .anyMatch(order -> order.id().equals("o-1")));
        assertThat(listeners.inserted).contains(new Order("o-1", 1, new BigDecimal("1.50")));
        int modify = listeners.modifiedTo.indexOf(new Order("o-1", 2, new BigDecimal("2.50")));
        assertThat(modify).isNotNegative();
        assertThat(listeners.modifiedFrom.get(modify)).isEqualTo(new Order("o-1", 1, new BigDecimal("1.50")));
        assertThat(listeners.removed).contains(new Order("o-1", 2, new BigDecimal("2.50")));
    }
}
