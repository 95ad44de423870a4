package io.github.dynamodbstream.core.internal.delivery;

import io.github.dynamodbstream.core.PollerObserver;
import io.github.dynamodbstream.core.StreamArn;
import io.github.dynamodbstream.core.StreamListener;
import io.github.dynamodbstream.core.internal.record.SequenceNumbers;
import io.github.dynamodbstream.core.record.ChangeRecord;
import io.github.dynamodbstream.core.record.ChangeType;
import io.github.dynamodbstream.core.record.MalformedRecordException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * Reads a page of stream records into change records; a record that cannot be read is reported and skipped.
 *
 * @param streamArn the stream the records come from
 * @param listener handed each record that cannot be read
 * @param observer told of each record that cannot be read
 */
public record RecordConverter(StreamArn streamArn, StreamListener listener, PollerObserver observer) {

    private static final Logger log = LoggerFactory.getLogger(RecordConverter.class);

    /**
     * Reads a page.
     *
     * @param shardId the shard the page came from
     * @param page the records, not empty
     * @return the batch
     */
    public RecordBatch convert(String shardId, List<Record> page) {
        List<ChangeRecord> records = new ArrayList<>(page.size());
        int[] counts = new int[ChangeType.values().length];
        int malformed = 0;
        for (Record raw : page) {
            try {
                ChangeRecord record = ChangeRecord.of(raw, shardId, streamArn);
                records.add(record);
                counts[record.type().ordinal()]++;
            } catch (MalformedRecordException e) {
                malformed++;
                reportMalformed(shardId, raw, e);
            }
        }
        String first = null;
        String last = null;
        for (Record raw : page) {
            String sequenceNumber = sequenceNumberOf(raw);
            if (sequenceNumber != null) {
                first = first == null ? sequenceNumber : first;
                last = sequenceNumber;
            }
        }
        return new RecordBatch(records, counts, first, last, malformed);
    }

    /** The record's sequence number when it is one a checkpoint can hold, else {@code null}. */
    private static String sequenceNumberOf(Record raw) {
        String sequenceNumber = raw.dynamodb() == null ? null : raw.dynamodb().sequenceNumber();
        return SequenceNumbers.isValid(sequenceNumber) ? sequenceNumber : null;
    }

    private void reportMalformed(String shardId, Record raw, MalformedRecordException e) {
        String sequenceNumber = raw.dynamodb() == null ? null : raw.dynamodb().sequenceNumber();
        log.warn("Skipped a record of shard {} of stream {} (event id {}, sequence number {}) that could not be "
                + "read: {}", shardId, streamArn, raw.eventID(), sequenceNumber, e.getMessage());
        observer.malformedRecord(shardId, sequenceNumber);
        try {
            listener.onMalformedRecord(shardId, raw, e);
        } catch (RuntimeException listenerFailure) {
            log.warn("The listener's onMalformedRecord failed for shard {}; the record stays skipped", shardId,
                    listenerFailure);
        }
    }
}
