package io.github.dynamodbstream.spring.event;

import io.github.dynamodbstream.core.DataLoss;

/**
 * Records of a shard were removed from the stream before they could be read: they were older than the stream's
 * 24-hour retention ({@link DataLoss.Reason#TRIMMED}), or the shard left the stream
 * ({@link DataLoss.Reason#SHARD_GONE}). Reading goes on; a replica fed by the stream may now miss changes.
 * <pre>{@code
 * @EventListener
 * void on(DataLossEvent event) {
 *     alerts.raise("Changes of " + event.tableName() + " lost after " + event.afterSequenceNumber());
 *     replica.scheduleFullResync();
 * }
 * }</pre>
 */
public class DataLossEvent extends DynamoDbStreamEvent {

    private final DataLoss dataLoss;

    /**
     * @param source the object that published the event
     * @param streamName the stream's name in the configuration
     * @param tableName the table whose changes the stream carries
     * @param streamArn the stream's ARN
     * @param dataLoss what was lost
     */
    public DataLossEvent(Object source, String streamName, String tableName, String streamArn, DataLoss dataLoss) {
        super(source, streamName, tableName, streamArn);
        this.dataLoss = dataLoss;
    }

    /** What was lost, as the poller reported it. */
    public DataLoss dataLoss() {
        return dataLoss;
    }

    /** The shard whose records were lost. */
    public String shardId() {
        return dataLoss.shardId();
    }

    /**
     * The sequence number of the last record acknowledged in the shard: records after it may be lost; {@code null}
     * when none was, and records from the shard's start may be lost.
     */
    public String afterSequenceNumber() {
        return dataLoss.afterSequenceNumber();
    }

    /** How the loss was detected. */
    public DataLoss.Reason reason() {
        return dataLoss.reason();
    }

    @Override
    public String toString() {
        return "DataLossEvent[stream=" + streamName() + " " + dataLoss + "]";
    }
}
