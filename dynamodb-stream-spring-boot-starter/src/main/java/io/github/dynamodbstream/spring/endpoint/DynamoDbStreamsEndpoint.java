package io.github.dynamodbstream.spring.endpoint;

import io.github.dynamodbstream.core.ShardCheckpoint;
import io.github.dynamodbstream.spring.StreamDefinition;
import io.github.dynamodbstream.spring.poller.DynamoDbStreamListenerContainer;
import io.github.dynamodbstream.spring.poller.StreamState;
import io.github.dynamodbstream.spring.poller.StreamStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * The {@code dynamodbstreams} actuator endpoint: every stream the application reads, with its state, active and
 * blocked shards, and the checkpoints of its consumer. Read-only. Like every endpoint but {@code health}, it is
 * exposed over HTTP only when the application says so:
 * {@code management.endpoints.web.exposure.include=health,dynamodbstreams}. The checkpoints are the pollers' own
 * (those taken over at start and every one saved since): a call reads memory, never the checkpoint store, so it
 * costs nothing and claims nothing there.
 */
@Endpoint(id = "dynamodbstreams")
public class DynamoDbStreamsEndpoint {

    private final DynamoDbStreamListenerContainer container;

    /**
     * @param container the container whose streams to list
     */
    public DynamoDbStreamsEndpoint(DynamoDbStreamListenerContainer container) {
        this.container = Objects.requireNonNull(container, "container");
    }

    /** Every stream, in configuration order. */
    @ReadOperation
    public StreamsDescriptor streams() {
        return new StreamsDescriptor(container.isRunning(),
                container.streams().all().stream().map(this::describe).toList());
    }

    /**
     * One stream, by its name in the configuration.
     *
     * @param name the stream's name
     * @return the stream, or {@code null} (HTTP 404) when there is none of that name
     */
    @ReadOperation
    public StreamDescriptor stream(@Selector String name) {
        return container.streams().get(name).map(this::describe).orElse(null);
    }

    private StreamDescriptor describe(StreamDefinition stream) {
        StreamStatus status = container.streamStatus(stream.name()).orElseThrow();
        List<CheckpointDescriptor> checkpoints = container.checkpoints(stream.name()).values().stream()
                .sorted(Comparator.comparing(ShardCheckpoint::shardId))
                .map(checkpoint -> new CheckpointDescriptor(checkpoint.shardId(), checkpoint.sequenceNumber(),
                        checkpoint.finished(), checkpoint.updatedAt()))
                .toList();
        return new StreamDescriptor(stream.name(), stream.tableName(), stream.streamArn().toString(),
                stream.consumerName(), status.state(), status.lastSuccessfulPoll(), status.lag(),
                status.recordsDelivered(), status.activeShards().stream().sorted().toList(), status.blockedShards(),
                checkpoints, status.problem());
    }

    /**
     * The streams of the application.
     *
     * @param running whether the listener container runs
     * @param streams every stream, in configuration order
     */
    public record StreamsDescriptor(boolean running, List<StreamDescriptor> streams) {
    }

    /**
     * One stream.
     *
     * @param name its name in the configuration
     * @param tableName the table whose changes it carries
     * @param streamArn its ARN
     * @param consumerName the consumer name that keys its checkpoints
     * @param state where the reading stands
     * @param lastSuccessfulPoll when the last round without any failure ended, or {@code null}
     * @param lag how far behind the stream the consumer is
     * @param recordsDelivered records the listeners accepted since the container started
     * @param activeShards the shards being read, by id
     * @param blockedShards shards that failed in the last round, with the reason
     * @param checkpoints the checkpoints of the consumer, as its poller holds them, by shard id
     * @param problem why the stream failed or is unavailable, or {@code null}
     */
    public record StreamDescriptor(String name, String tableName, String streamArn, String consumerName,
            StreamState state, Instant lastSuccessfulPoll, Duration lag, long recordsDelivered,
            List<String> activeShards, Map<String, String> blockedShards, List<CheckpointDescriptor> checkpoints,
            String problem) {
    }

    /**
     * A checkpoint.
     *
     * @param shardId the shard
     * @param sequenceNumber the sequence number of the last record acknowledged, or {@code null}
     * @param finished whether the shard was read to its end
     * @param updatedAt when the checkpoint was saved
     */
    public record CheckpointDescriptor(String shardId, String sequenceNumber, boolean finished, Instant updatedAt) {
    }
}
