package io.github.dynamodbstream.core.replica;

import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Counts the changes a replica applies from its stream (not from its scan), so that a test can hold a scanned item
 * back until the stream has moved on: the race the replica's touched-keys rule exists for.
 */
final class StreamProgress<T> implements ReplicaListener<T> {

    private long streamChanges;

    static boolean onScanThread() {
        return Thread.currentThread().getName().startsWith("dynamodb-replica-scan-");
    }

    @Override
    public void onPut(Map<String, AttributeValue> key, T oldItem, T newItem) {
        counted();
    }

    @Override
    public void onRemove(Map<String, AttributeValue> key, T oldItem) {
        counted();
    }

    private synchronized void counted() {
        if (!onScanThread()) {
            streamChanges++;
            notifyAll();
        }
    }

    /** Waits until the stream applied {@code more} changes, or at most {@code max}; returns whether it did. */
    synchronized boolean awaitMore(long more, Duration max) {
        long target = streamChanges + more;
        long deadline = System.nanoTime() + max.toNanos();
        try {
            while (streamChanges < target) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                wait(Math.max(1, left / 1_000_000));
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
