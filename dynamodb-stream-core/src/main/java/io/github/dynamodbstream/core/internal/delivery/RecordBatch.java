package io.github.dynamodbstream.core.internal.delivery;

import io.github.dynamodbstream.core.record.ChangeRecord;
import io.github.dynamodbstream.core.record.ChangeType;
import java.util.List;

/**
 * One {@code GetRecords} page of a shard, read into change records.
 *
 * @param records the records that could be read, in sequence-number order
 * @param countsByType records per {@link ChangeType}, indexed by ordinal
 * @param firstSequenceNumber the first sequence number of the page, of a malformed record or not; {@code null} when no
 *        record of the page has a valid one
 * @param lastSequenceNumber the last sequence number of the page, of a malformed record or not: the checkpoint after
 *        it; {@code null} when no record of the page has a valid one (the checkpoint then stays where it was)
 * @param malformed records that could not be read
 */
public record RecordBatch(
        List<ChangeRecord> records,
        int[] countsByType,
        String firstSequenceNumber,
        String lastSequenceNumber,
        int malformed) {
}
