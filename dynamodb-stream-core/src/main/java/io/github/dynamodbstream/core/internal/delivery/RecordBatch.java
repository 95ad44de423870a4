package io.github.dynamodbstream.core.internal.delivery;

import io.github.dynamodbstream.core.ChangeRecord;
import io.github.dynamodbstream.core.ChangeType;
import java.util.List;

/**
 * One {@code GetRecords} page of a shard, read into change records.
 *
 * @param records the records that could be read, in sequence-number order
 * @param countsByType records per {@link ChangeType}, indexed by ordinal
 * @param firstSequenceNumber sequence number of the page's first record, malformed or not
 * @param lastSequenceNumber sequence number of the page's last record, malformed or not: the checkpoint after it
 * @param malformed records that could not be read
 */
public record RecordBatch(
        List<ChangeRecord> records,
        int[] countsByType,
        String firstSequenceNumber,
        String lastSequenceNumber,
        int malformed) {
}
