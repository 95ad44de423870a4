package io.github.dynamodbstream.kcl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/** What every application instance of a test delivered, in the order it happened, shared across contexts. */
final class DeliveryLog {

    record Delivery(String instance, String shardId, String key, long version, long nanos) {
    }

    private final ConcurrentLinkedQueue<Delivery> deliveries = new ConcurrentLinkedQueue<>();
    private final Map<String, String> processing = new ConcurrentHashMap<>();
    private final AtomicInteger overlaps = new AtomicInteger();

    void record(String instance, String shardId, String key, long version) {
        String other = processing.putIfAbsent(shardId, instance);
        if (other != null && !other.equals(instance)) {
            overlaps.incrementAndGet();
        }
        deliveries.add(new Delivery(instance, shardId, key, version, System.nanoTime()));
        processing.remove(shardId, instance);
    }

    List<Delivery> all() {
        return new ArrayList<>(deliveries);
    }

    /** Times a shard's records were being handled by two instances at the same moment. */
    int overlaps() {
        return overlaps.get();
    }

    Set<String> distinctDelivered() {
        Set<String> delivered = new HashSet<>();
        deliveries.forEach(delivery -> delivered.add(delivery.key() + "#" + delivery.version()));
        return delivered;
    }

    /** Deliveries of a change already delivered before. */
    List<Delivery> duplicates() {
        Set<String> seen = new HashSet<>();
        List<Delivery> duplicates = new ArrayList<>();
        for (Delivery delivery : deliveries) {
            if (!seen.add(delivery.key() + "#" + delivery.version())) {
                duplicates.add(delivery);
            }
        }
        return duplicates;
    }

    /** Keys whose changes, counted at their first delivery, did not arrive in version order. */
    List<String> keysOutOfOrder() {
        Map<String, Long> highest = new HashMap<>();
        Set<String> seen = new HashSet<>();
        List<String> outOfOrder = new ArrayList<>();
        for (Delivery delivery : deliveries) {
            if (!seen.add(delivery.key() + "#" + delivery.version())) {
                continue;
            }
            Long before = highest.put(delivery.key(), delivery.version());
            if (before != null && before > delivery.version()) {
                outOfOrder.add(delivery.key());
            }
        }
        return outOfOrder;
    }

    /** The instances that delivered records of each shard. */
    Map<String, Set<String>> instancesByShard() {
        Map<String, Set<String>> byShard = new HashMap<>();
        deliveries.forEach(delivery -> byShard.computeIfAbsent(delivery.shardId(), shard -> new HashSet<>())
                .add(delivery.instance()));
        return byShard;
    }
}
