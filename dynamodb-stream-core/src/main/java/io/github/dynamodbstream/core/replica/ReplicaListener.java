package io.github.dynamodbstream.core.replica;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Hears the changes of a {@link DynamoDbTableReplica}. Every method has a no-op default.
 *
 * <p>Changes of one key are heard one at a time, in the order the replica applies them: the scanned value (while
 * the replica is not ready yet), then the stream's changes in stream order. Changes of different keys may be heard
 * at the same time on different threads. A put may repeat a value the copy already had (a scanned item and the
 * stream record of the same write), and an item changed during the scan may briefly go back to an older value
 * before its later changes arrive: only once the replica is ready does every callback follow the table's order.
 * Callbacks run on the thread that applies the change: keep them short. An exception is logged and does not stop
 * the replica.
 *
 * @param <T> the replica's item type
 */
public interface ReplicaListener<T> {

    /**
     * An item was put into the copy.
     *
     * @param key the item's key attributes
     * @param oldItem the item the copy held before, or {@code null}
     * @param newItem the item now held
     */
    default void onPut(Map<String, AttributeValue> key, T oldItem, T newItem) {
    }

    /**
     * An item was removed from the copy.
     *
     * @param key the item's key attributes
     * @param oldItem the item the copy held
     */
    default void onRemove(Map<String, AttributeValue> key, T oldItem) {
    }

    /** The replica became ready: the copy holds every item of the table. Called once, before awaitReady returns. */
    default void onReady() {
    }

    /**
     * The replica stopped on a problem; its reads now throw {@code failure}. Called once, before awaitReady throws.
     */
    default void onFailure(ReplicaFailedException failure) {
    }
}
