package io.github.dynamodbstream.samples.replica;

import io.github.dynamodbstream.core.replica.DynamoDbTableReplica;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Changes the table now and then, so that there is something to see: every {@code sample.writer.interval}
 * (default 1 s) it adds an order, moves one to its next status ({@code NEW}, {@code PAID}, {@code SHIPPED}), or
 * deletes a shipped one. It writes to the table; it reads the replica only to pick an order. Off with
 * {@code sample.writer.enabled=false}.
 */
@Component
@ConditionalOnBooleanProperty(name = "sample.writer.enabled", matchIfMissing = true)
class OrderWriter {

    private static final List<String> CUSTOMERS = List.of("ada", "grace", "linus", "margaret", "barbara");
    private static final int MAX_ORDERS = 12;

    private final DynamoDbClient dynamoDb;
    private final DynamoDbTableReplica<Order> orders;
    private final String tableName;
    private final AtomicInteger nextId = new AtomicInteger(1000);

    OrderWriter(DynamoDbClient dynamoDb, DynamoDbTableReplica<Order> orders,
            @Value("${dynamodb.stream.table-name}") String tableName) {
        this.dynamoDb = dynamoDb;
        this.orders = orders;
        this.tableName = tableName;
    }

    @Scheduled(fixedDelayString = "${sample.writer.interval:1s}", initialDelayString = "${sample.writer.interval:1s}")
    void changeSomething() {
        if (!orders.isReady()) {
            return;
        }
        List<Order> current = List.copyOf(orders.values());
        ThreadLocalRandom random = ThreadLocalRandom.current();
        if (current.size() < MAX_ORDERS / 2 || (current.size() < MAX_ORDERS && random.nextInt(3) == 0)) {
            put(OrdersTable.order("order-" + nextId.incrementAndGet(), CUSTOMERS.get(random.nextInt(CUSTOMERS.size())),
                    "NEW", random.nextInt(500, 20_000), 1));
            return;
        }
        Order order = current.get(random.nextInt(current.size()));
        switch (order.status()) {
            case "NEW" -> put(next(order, "PAID"));
            case "PAID" -> put(next(order, "SHIPPED"));
            default -> dynamoDb.deleteItem(request -> request.tableName(tableName)
                    .key(Map.of("id", AttributeValue.fromS(order.id()))));
        }
    }

    private static Map<String, AttributeValue> next(Order order, String status) {
        long version = order.version() == null ? 1 : order.version() + 1;
        return OrdersTable.order(order.id(), order.customer(), status,
                order.total().movePointRight(2).longValueExact(), version);
    }

    private void put(Map<String, AttributeValue> item) {
        dynamoDb.putItem(request -> request.tableName(tableName).item(item));
    }
}
