package io.github.dynamodbstream.samples.replica;

import io.github.dynamodbstream.core.replica.DynamoDbTableReplica;
import java.util.Comparator;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Answers from the replica, in memory: no call to DynamoDB per request. */
@RestController
class OrderController {

    private final DynamoDbTableReplica<Order> orders;

    OrderController(DynamoDbTableReplica<Order> orders) {
        this.orders = orders;
    }

    @GetMapping("/orders")
    List<Order> all() {
        return orders.values().stream().sorted(Comparator.comparing(Order::id)).toList();
    }

    @GetMapping("/orders/{id}")
    ResponseEntity<Order> one(@PathVariable String id) {
        Order order = orders.get(id);
        return order == null ? ResponseEntity.notFound().build() : ResponseEntity.ok(order);
    }
}
