package io.github.dynamodbstream.spring.event;

import java.util.List;

/**
 * The poller found shards it had not seen before and will read them, children after their parents. Normal: DynamoDB
 * replaces a stream's shards every few hours.
 * <pre>{@code
 * @EventListener
 * void on(NewShardsEvent event) {
 *     log.info("Stream {} has new shards {}", event.streamName(), event.shardIds());
 * }
 * }</pre>
 */
public class NewShardsEvent extends DynamoDbStreamEvent {

    private final List<String> shardIds;

    /**
     * @param source the object that published the event
     * @param streamName the stream's name in the configuration
     * @param tableName the table whose changes the stream carries
     * @param streamArn the stream's ARN
     * @param shardIds the new shards
     */
    public NewShardsEvent(Object source, String streamName, String tableName, String streamArn,
            List<String> shardIds) {
        super(source, streamName, tableName, streamArn);
        this.shardIds = List.copyOf(shardIds);
    }

    /** The new shards. */
    public List<String> shardIds() {
        return shardIds;
    }

    @Override
    public String toString() {
        return "NewShardsEvent[stream=" + streamName() + " shards=" + shardIds + "]";
    }
}
