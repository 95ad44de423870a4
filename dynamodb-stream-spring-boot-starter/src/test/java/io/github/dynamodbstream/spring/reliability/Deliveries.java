package io.github.dynamodbstream.spring.reliability;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Every change the campaign's consumers processed, over every generation, and what went wrong. */
final class Deliveries {

    /**
     * A processed change. {@code order} is the item's change number: {@code 2 * version} for the write of a version,
     * {@code 2 * version + 1} for the removal of that version, so that it grows with every change of the item.
     */
    record Delivery(int generation, String shardId, String sequenceNumber, String id, long order,
            boolean alreadyAcknowledged) {

        String position() {
            return shardId + "/" + sequenceNumber;
        }
    }

    final List<Delivery> all = new CopyOnWriteArrayList<>();
    final List<String> problems = new CopyOnWriteArrayList<>();
}
