package io.github.dynamodbstream.spring.event;

import io.github.dynamodbstream.core.record.ChangeRecord;
import java.time.Instant;
import java.util.List;

/**
 * A record the listeners kept failing on was given up on, after every retry, because
 * {@code dynamodb.stream.on-failure} is {@code skip} or {@code dead-letter} (published after the dead letter was
 * written), or because it is older than {@code max-record-age}: the shard's checkpoint moves past it, and the
 * records after it are delivered next. A listener of this event that throws keeps the shard at the record, and the
 * next round delivers it again.
 * <pre>{@code
 * @EventListener
 * void on(RecordFailedEvent event) {
 *     event.records().forEach(record -> deadLetters.save(record.keys(), record.newImage(), event.failure()));
 * }
 * }</pre>
 */
public class RecordFailedEvent extends DynamoDbStreamEvent {

    private final List<ChangeRecord> records;
    private final Throwable failure;

    /**
     * @param source the object that published the event
     * @param streamName the stream's name in the configuration
     * @param tableName the table whose changes the stream carries
     * @param streamArn the stream's ARN
     * @param records the records given up on, of one shard, in sequence-number order (one record, as the starter
     *        publishes it); not empty
     * @param failure the last exception of the listeners
     */
    public RecordFailedEvent(Object source, String streamName, String tableName, String streamArn,
            List<ChangeRecord> records, Throwable failure) {
        super(source, streamName, tableName, streamArn);
        if (records.isEmpty()) {
            throw new IllegalArgumentException("A RecordFailedEvent needs at least one record");
        }
        this.records = List.copyOf(records);
        this.failure = failure;
    }

    /** The records given up on, of one shard, in sequence-number order. */
    public List<ChangeRecord> records() {
        return records;
    }

    /** The last exception of the listeners. */
    public Throwable failure() {
        return failure;
    }

    /** The shard of the records. */
    public String shardId() {
        return records.get(0).shardId();
    }

    /** The sequence number of the first record given up on. */
    public String sequenceNumber() {
        return records.get(0).sequenceNumber();
    }

    /** When the first record given up on was made. */
    public Instant approximateCreationTime() {
        return records.get(0).approximateCreationTime();
    }

    @Override
    public String toString() {
        return "RecordFailedEvent[stream=" + streamName() + " shard=" + shardId() + " records=" + records.size()
                + " from sequenceNumber=" + sequenceNumber() + "]";
    }
}
