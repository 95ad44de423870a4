package io.github.dynamodbstream.emulator.internal.table;

import java.util.Comparator;

/**
 * The primary key of a stored item: its partition key value and its sort key value ({@code null} when the table
 * has no sort key). Ordered by partition key, then sort key.
 */
record ItemKey(KeyValue partition, KeyValue sort) implements Comparable<ItemKey> {

    private static final Comparator<ItemKey> ORDER = Comparator.comparing(ItemKey::partition)
            .thenComparing(ItemKey::sort, Comparator.nullsFirst(Comparator.naturalOrder()));

    /** The lowest key of the partition, below every item in it. */
    static ItemKey partitionStart(KeyValue partition) {
        return new ItemKey(partition, null);
    }

    /** A key above every item of the partition and below the next partition. */
    static ItemKey partitionEnd(KeyValue partition) {
        return new ItemKey(partition, KeyValue.AFTER_ALL);
    }

    @Override
    public int compareTo(ItemKey other) {
        return ORDER.compare(this, other);
    }
}
