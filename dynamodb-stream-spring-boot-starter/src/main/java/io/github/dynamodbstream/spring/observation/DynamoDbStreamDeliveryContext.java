package io.github.dynamodbstream.spring.observation;

import io.github.dynamodbstream.core.record.ChangeRecord;
import io.micrometer.observation.Observation;
import java.util.List;
import java.util.Objects;

/** What an observation of a delivery knows: the stream, and the changes delivered. */
public class DynamoDbStreamDeliveryContext extends Observation.Context {

    /** The change type of a delivery of a whole page, in batch mode. */
    public static final String BATCH = "BATCH";

    private final String streamName;
    private final String tableName;
    private final String changeType;
    private final List<ChangeRecord> records;

    /**
     * @param streamName the stream's name in the configuration
     * @param tableName the table whose changes the stream carries
     * @param changeType INSERT, MODIFY, REMOVE, or {@link #BATCH}
     * @param records the changes delivered, of one shard, in order; not empty
     */
    public DynamoDbStreamDeliveryContext(String streamName, String tableName, String changeType,
            List<ChangeRecord> records) {
        this.streamName = Objects.requireNonNull(streamName, "streamName");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
        this.changeType = Objects.requireNonNull(changeType, "changeType");
        if (records.isEmpty()) {
            throw new IllegalArgumentException("A delivery has at least one change");
        }
        this.records = List.copyOf(records);
    }

    public String streamName() {
        return streamName;
    }

    public String tableName() {
        return tableName;
    }

    /** INSERT, MODIFY, REMOVE, or {@link #BATCH}. */
    public String changeType() {
        return changeType;
    }

    /** The changes delivered, in order. */
    public List<ChangeRecord> records() {
        return records;
    }

    /** The shard of the changes. */
    public String shardId() {
        return records.get(0).shardId();
    }

    /** The sequence number of the first change. */
    public String sequenceNumber() {
        return records.get(0).sequenceNumber();
    }
}
