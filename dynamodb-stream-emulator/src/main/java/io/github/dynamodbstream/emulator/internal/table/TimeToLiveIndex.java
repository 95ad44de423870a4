package io.github.dynamodbstream.emulator.internal.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The items of one table ordered by their expiry time, so that finding expired items costs a look at the head
 * of a sorted map instead of a scan of the table. Only items whose Time to Live attribute is a number count.
 */
final class TimeToLiveIndex {

    private final String attributeName;
    private final TreeMap<Long, Set<ItemKey>> keysByExpiry = new TreeMap<>();
    private final Map<ItemKey, Long> expiryByKey = new HashMap<>();

    TimeToLiveIndex(String attributeName) {
        this.attributeName = attributeName;
    }

    String attributeName() {
        return attributeName;
    }

    /** Records the item now stored under the key ({@code null} when the item was deleted). */
    void update(ItemKey key, ObjectNode item) {
        Long previous = expiryByKey.remove(key);
        if (previous != null) {
            Set<ItemKey> keys = keysByExpiry.get(previous);
            keys.remove(key);
            if (keys.isEmpty()) {
                keysByExpiry.remove(previous);
            }
        }
        Long expiry = item == null ? null : expiryOf(item);
        if (expiry != null) {
            expiryByKey.put(key, expiry);
            keysByExpiry.computeIfAbsent(expiry, ignored -> new LinkedHashSet<>()).add(key);
        }
    }

    /** The keys of the items whose expiry time lies before the given instant, earliest first. */
    List<ItemKey> expiredBefore(Instant now) {
        List<ItemKey> expired = new ArrayList<>();
        for (Map.Entry<Long, Set<ItemKey>> entry : keysByExpiry.headMap(now.getEpochSecond(), false).entrySet()) {
            expired.addAll(entry.getValue());
        }
        long second = now.getEpochSecond();
        if (now.getNano() > 0 && keysByExpiry.containsKey(second)) {
            expired.addAll(keysByExpiry.get(second));
        }
        return expired;
    }

    private Long expiryOf(ObjectNode item) {
        JsonNode value = item.get(attributeName);
        if (value == null || !value.has("N") || value.size() != 1) {
            return null;
        }
        try {
            BigDecimal seconds = new BigDecimal(value.get("N").asText());
            return seconds.setScale(0, RoundingMode.CEILING).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }
}
