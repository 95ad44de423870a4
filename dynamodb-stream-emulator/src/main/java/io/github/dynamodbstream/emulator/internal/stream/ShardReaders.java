package io.github.dynamodbstream.emulator.internal.stream;

import java.util.HashMap;
import java.util.Map;

/** The readers seen on one shard within the last second of real time, to enforce a limit on readers per shard. */
final class ShardReaders {

    private static final long WINDOW_NANOS = 1_000_000_000L;

    private final Map<Long, Long> lastReadNanos = new HashMap<>();

    /**
     * Records a read by {@code readerId}.
     *
     * @return {@code false} when the reader is new and the shard already has {@code limit} readers in the window
     */
    boolean admit(long readerId, long nowNanos, int limit) {
        lastReadNanos.values().removeIf(seen -> nowNanos - seen > WINDOW_NANOS);
        if (!lastReadNanos.containsKey(readerId) && lastReadNanos.size() >= limit) {
            return false;
        }
        lastReadNanos.put(readerId, nowNanos);
        return true;
    }
}
