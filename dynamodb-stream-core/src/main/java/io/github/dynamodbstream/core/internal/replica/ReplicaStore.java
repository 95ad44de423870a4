package io.github.dynamodbstream.core.internal.replica;

import io.github.dynamodbstream.core.replica.ReplicaFailedException;
import io.github.dynamodbstream.core.replica.ReplicaListener;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The copy itself: items by key, read from any thread without locking. Changes of one key are applied under a lock
 * of that key's stripe, so that a scanned value and a stream change of the same key never interleave, and the
 * listeners hear the changes of one key in the order they were applied.
 *
 * <p>While the scan runs, the store remembers every key the stream touched: a scanned value of such a key is
 * older than or equal to what the stream holds, so it is dropped. Once the replica is ready that set is let go.
 */
public final class ReplicaStore<T> {

    private static final Logger log = LoggerFactory.getLogger(ReplicaStore.class);
    private static final int STRIPES = 64;

    private final String tableName;
    private final long maxItems;
    private final Map<Map<String, AttributeValue>, T> items = new ConcurrentHashMap<>();
    private final Collection<T> values = Collections.unmodifiableCollection(items.values());
    private final Object[] stripes = new Object[STRIPES];
    private final List<ReplicaListener<T>> listeners = new CopyOnWriteArrayList<>();
    private volatile Set<Map<String, AttributeValue>> touched = ConcurrentHashMap.newKeySet();

    public ReplicaStore(String tableName, long maxItems, List<ReplicaListener<T>> listeners) {
        this.tableName = tableName;
        this.maxItems = maxItems;
        this.listeners.addAll(listeners);
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Object();
        }
    }

    public void addListener(ReplicaListener<T> listener) {
        listeners.add(listener);
    }

    List<ReplicaListener<T>> listeners() {
        return listeners;
    }

    /**
     * Applies the new value of a stream change.
     *
     * @throws ReplicaFailedException when the copy grows past {@code maxItems}
     */
    void streamPut(Map<String, AttributeValue> key, T item) {
        synchronized (stripe(key)) {
            markTouched(key);
            put(key, item);
        }
    }

    /** Applies a stream removal. */
    void streamRemove(Map<String, AttributeValue> key) {
        synchronized (stripe(key)) {
            markTouched(key);
            T old = items.remove(key);
            if (old != null) {
                notify(listener -> listener.onRemove(key, old));
            }
        }
    }

    /**
     * Applies a scanned item, unless the stream touched its key since the bookmark.
     *
     * @throws ReplicaFailedException when the copy grows past {@code maxItems}
     */
    void scanned(Map<String, AttributeValue> key, T item) {
        synchronized (stripe(key)) {
            Set<Map<String, AttributeValue>> seen = touched;
            if (seen != null && !seen.contains(key)) {
                put(key, item);
            }
        }
    }

    /** Forgets the keys the stream touched: no scanned value comes any more. */
    void dropTouchedKeys() {
        touched = null;
    }

    private void markTouched(Map<String, AttributeValue> key) {
        Set<Map<String, AttributeValue>> seen = touched;
        if (seen != null) {
            seen.add(key);
        }
    }

    private void put(Map<String, AttributeValue> key, T item) {
        T old = items.put(key, item);
        if (old == null && items.size() > maxItems) {
            throw new ReplicaFailedException(ReplicaFailedException.Reason.TOO_MANY_ITEMS, tableName, "Table '"
                    + tableName + "' holds more than " + maxItems + " items, the replica's maxItems; the replica"
                    + " stopped rather than keep part of the table. Raise the bound with maxItems(..) on"
                    + " DynamoDbTableReplica.builder() if the memory allows it, or replicate a smaller table.");
        }
        notify(listener -> listener.onPut(key, old, item));
    }

    void notify(Consumer<ReplicaListener<T>> call) {
        for (ReplicaListener<T> listener : listeners) {
            try {
                call.accept(listener);
            } catch (RuntimeException e) {
                log.warn("A listener of the replica of table '{}' threw; the replica goes on", tableName, e);
            }
        }
    }

    private Object stripe(Map<String, AttributeValue> key) {
        return stripes[Math.floorMod(key.hashCode(), STRIPES)];
    }

    public T get(Map<String, AttributeValue> key) {
        return items.get(key);
    }

    public Collection<T> values() {
        return values;
    }

    public int size() {
        return items.size();
    }
}
