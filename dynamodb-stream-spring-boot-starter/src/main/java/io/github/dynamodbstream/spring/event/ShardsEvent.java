package io.github.dynamodbstream.spring.event;

import java.util.List;
import java.util.function.Function;

/**
 * Base of the events that name shards the poller starts or stops reading: {@link NewShardsEvent} and
 * {@link RemovedShardsEvent}. Listen to this type to receive both:
 * <pre>{@code
 * @EventListener
 * void on(ShardsEvent<?> event) {
 *     log.info("{} of stream {}: {}", event.getClass().getSimpleName(), event.streamName(), event.shardIds());
 * }
 * }</pre>
 *
 * @param <S> what the event holds for each shard
 */
public abstract class ShardsEvent<S> extends DynamoDbStreamEvent {

    private final List<S> shards;
    private final List<String> shardIds;

    ShardsEvent(Object source, String streamName, String tableName, String streamArn, List<S> shards,
            Function<S, String> shardId) {
        super(source, streamName, tableName, streamArn);
        this.shards = List.copyOf(shards);
        this.shardIds = this.shards.stream().map(shardId).toList();
    }

    /** The ids of the shards. */
    public List<String> shardIds() {
        return shardIds;
    }

    List<S> shardList() {
        return shards;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[stream=" + streamName() + " shards=" + shards + "]";
    }
}
