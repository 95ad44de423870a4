package io.github.dynamodbstream.benchmarks.starter;

import io.github.dynamodbstream.benchmarks.support.Deliveries;
import io.github.dynamodbstream.benchmarks.support.OrderItem;
import io.github.dynamodbstream.spring.event.ItemInsertedEvent;
import org.springframework.context.event.EventListener;

/** The application's listener: takes the mapped item's id and does nothing else. */
public class OrderInsertListener {

    private final Deliveries deliveries;

    public OrderInsertListener(Deliveries deliveries) {
        this.deliveries = deliveries;
    }

    @EventListener
    public void on(ItemInsertedEvent<OrderItem> event) {
        deliveries.delivered(event.item().id());
    }
}
