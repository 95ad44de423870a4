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
    /** Per generation, the positions that may come again in it: processed, unacknowledged, then a listener threw. */
    final Map<Integer, Set<String>> retryable = new ConcurrentHashMap<>();

    /** A listener threw on a change of this shard: what it processed of the shard and was not acknowledged may come again. */
    void listenerFailed(int generation, String shardId, AcknowledgementLedger ledger) {
        Set<String> positions = retryable.computeIfAbsent(generation, key -> ConcurrentHashMap.newKeySet());
        for (Delivery delivery : all) {
            if (delivery.generation() == generation && delivery.shardId().equals(shardId)
                    && !ledger.isAcknowledged(delivery.shardId(), delivery.sequenceNumber())) {
                positions.add(delivery.position());
            }
        }
    }
}
