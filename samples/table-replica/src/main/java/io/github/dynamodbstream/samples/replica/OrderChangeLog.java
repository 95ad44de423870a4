package io.github.dynamodbstream.samples.replica;

import io.github.dynamodbstream.spring.event.ItemInsertedEvent;
import io.github.dynamodbstream.spring.event.ItemModifiedEvent;
import io.github.dynamodbstream.spring.event.ItemRemovedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Logs each change of an order: its id and what happened, never the order's contents. */
@Component
class OrderChangeLog {

    private static final Logger log = LoggerFactory.getLogger(OrderChangeLog.class);

    @EventListener
    void on(ItemInsertedEvent<Order> event) {
        log.info("Order {} inserted", event.keys().get("id").s());
    }

    @EventListener
    void on(ItemModifiedEvent<Order> event) {
        log.info("Order {} modified", event.keys().get("id").s());
    }

    @EventListener
    void on(ItemRemovedEvent<Order> event) {
        log.info("Order {} removed", event.keys().get("id").s());
    }
}
