package io.github.dynamodbstream.core.internal.replica;

import io.github.dynamodbstream.core.DynamoDbStreamPoller;
import io.github.dynamodbstream.core.record.ItemMapper;
import io.github.dynamodbstream.core.replica.ReplicaListener;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * What a replica was built with, checked by its builder.
 *
 * @param streamsClient {@code null} when the replica is only ever attached to a poller of the application's
 * @param streamArn {@code null} to follow the table's latest stream
 * @param scanPageSize items per {@code Scan} page, or 0 for pages of up to 1 MB
 */
public record ReplicaSettings<T>(
        DynamoDbClient dynamoDbClient,
        DynamoDbStreamsClient streamsClient,
        String tableName,
        String streamArn,
        ItemMapper<T> itemMapper,
        Duration pollInterval,
        int scanSegments,
        int scanPageSize,
        long maxItems,
        Clock clock,
        Duration shutdownTimeout,
        Consumer<DynamoDbStreamPoller.Builder> pollerCustomizer,
        List<ReplicaListener<T>> listeners) {

    public ReplicaSettings {
        listeners = List.copyOf(listeners);
    }
}
