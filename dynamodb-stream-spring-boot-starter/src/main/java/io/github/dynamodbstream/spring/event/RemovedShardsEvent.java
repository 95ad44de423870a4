package io.github.dynamodbstream.spring.event;

import io.github.dynamodbstream.core.RemovedShard;
import java.util.List;

/**
 * The poller stopped reading shards: each was read to its end and acknowledged
 * ({@link RemovedShard.Reason#FINISHED}), or left the stream before it was ({@link RemovedShard.Reason#GONE}, which
 * also comes with a {@link DataLossEvent}).
 * <pre>{@code
 * @EventListener
 * void on(RemovedShardsEvent event) {
 *     event.shards().forEach(shard -> log.info("Shard {} done: {}", shard.shardId(), shard.reason()));
 * }
 * }</pre>
 */
public class RemovedShardsEvent extends ShardsEvent<RemovedShard> {

    /**
     * @param source the object that published the event
     * @param streamName the stream's name in the configuration
     * @param tableName the table whose changes the stream carries
     * @param streamArn the stream's ARN
     * @param shards the shards no longer read, and why
     */
    public RemovedShardsEvent(Object source, String streamName, String tableName, String streamArn,
            List<RemovedShard> shards) {
        super(source, streamName, tableName, streamArn, shards, RemovedShard::shardId);
    }

    /** The shards no longer read, and why; {@link #shardIds()} has their ids. */
    public List<RemovedShard> shards() {
        return shardList();
    }
}
