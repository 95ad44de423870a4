package io.github.dynamodbstream.spring.event;

import java.util.List;
import java.util.function.Function;

/**
 * The poller found shards it had not seen before and will read them, children after their parents. Normal: DynamoDB
 * replaces a stream's shards every few hours. {@link #shardIds()} names the new shards.
 * <pre>{@code
 * @EventListener
 * void on(NewShardsEvent event) {
 *     log.info("Stream {} has new shards {}", event.streamName(), event.shardIds());
 * }
 * }</pre>
 */
public class NewShardsEvent extends ShardsEvent<String> {

    /**
     * @param source the object that published the event
     * @param streamName the stream's name in the configuration
     * @param tableName the table whose changes the stream carries
     * @param streamArn the stream's ARN
     * @param shardIds the new shards
     */
    public NewShardsEvent(Object source, String streamName, String tableName, String streamArn,
            List<String> shardIds) {
        super(source, streamName, tableName, streamArn, shardIds, Function.identity());
    }
}
