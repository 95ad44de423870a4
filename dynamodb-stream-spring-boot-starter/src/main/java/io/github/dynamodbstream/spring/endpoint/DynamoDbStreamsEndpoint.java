package io.github.dynamodbstream.spring.endpoint;

import io.github.dynamodbstream.core.checkpoint.ShardCheckpoint;
import io.github.dynamodbstream.spring.StreamDefinition;
import io.github.dynamodbstream.spring.container.DynamoDbStreamContainer;
import io.github.dynamodbstream.spring.container.ShardLease;
import io.github.dynamodbstream.spring.container.StreamState;
import io.github.dynamodbstream.spring.container.StreamStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * The {@code dynamodbstreams} actuator endpoint, the same in every coordination mode: every stream the application
 * reads, with its state, active and blocked shards, and the checkpoints this instance holds. Read-only, in two parts:
 * <ul>
 *   <li>{@code /actuator/dynamodbstreams}: every stream, from the listener container's memory: a call reads no
 *       checkpoint store nor lease table, so it costs nothing and claims nothing there, and may be polled.</li>
 *   <li>{@code /actuator/dynamodbstreams/{name}}: one stream as above; under {@code coordination: kcl} with its whole
 *       lease table too (every shard's owner, checkpoint, parents and lease counter), read at each request (one Scan,
 *       which costs read capacity: call it on demand, not from a monitoring loop). When that read fails, the answer
 *       still carries the stream, with the failure's message instead of the leases.</li>
 * </ul>
 * Like every endpoint but {@code health}, it is exposed over HTTP only when the application says so:
 * {@code management.endpoints.web.exposure.include=health,dynamodbstreams}.
 */
@Endpoint(id = "dynamodbstreams")
public class DynamoDbStreamsEndpoint {

    private static final Logger log = LoggerFactory.getLogger(DynamoDbStreamsEndpoint.class);

    private final DynamoDbStreamContainer container;

    /**
     * @param container the container whose streams to list
     */
    public DynamoDbStreamsEndpoint(DynamoDbStreamContainer container) {
        this.container = Objects.requireNonNull(container, "container");
    }

    /** Every stream, in configuration order, from memory. */
    @ReadOperation
    public StreamsDescriptor streams() {
        return new StreamsDescriptor(container.isRunning(),
                container.streams().all().stream().map(stream -> describe(stream, null, null)).toList());
    }

    /**
     * One stream, by its name in the configuration, with its lease table when the coordination mode has one.
     *
     * @param name the stream's name
     * @return the stream, or {@code null} (HTTP 404) when there is none of that name
     */
    @ReadOperation
    public StreamDescriptor stream(@Selector String name) {
        StreamDefinition stream = container.streams().get(name).orElse(null);
        if (stream == null) {
            return null;
        }
        try {
            Optional<List<ShardLease>> leases = container.leaseTable(name);
            return describe(stream, leases.orElse(null), null);
        } catch (RuntimeException e) {
            log.debug("Could not read the lease table of stream '{}'", name, e);
            return describe(stream, null, e.getMessage() != null ? e.getMessage() : e.toString());
        }
    }

    private StreamDescriptor describe(StreamDefinition stream, List<ShardLease> leases, String leaseTableError) {
        StreamStatus status = container.streamStatus(stream.name()).orElseThrow();
        List<CheckpointDescriptor> checkpoints = container.checkpoints(stream.name()).values().stream()
                .sorted(Comparator.comparing(ShardCheckpoint::shardId))
                .map(checkpoint -> new CheckpointDescriptor(checkpoint.shardId(), checkpoint.sequenceNumber(),
                        checkpoint.finished(), checkpoint.updatedAt()))
                .toList();
        return new StreamDescriptor(stream.name(), stream.tableName(), stream.streamArn().toString(),
                stream.consumerName(), status.state(), status.lastSuccessfulPoll(), status.lastDelivery(),
                status.lag(), status.recordsDelivered(), status.activeShards().stream().sorted().toList(),
                status.blockedShards(), checkpoints, status.problem(), status.coordination(), leases,
                leaseTableError);
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
     * @param lastDelivery when the listeners last accepted records, or {@code null}
     * @param lag how far behind the stream this instance is
     * @param recordsDelivered records the listeners accepted since the container started
     * @param activeShards the shards this instance reads, by id
     * @param blockedShards shards that stay where they are, with the reason
     * @param checkpoints the checkpoints this instance holds in memory, by shard id (under {@code kcl}, none: they
     *     are in the lease table)
     * @param problem why the stream failed or is unavailable, or {@code null}
     * @param coordination what only the coordination mode knows (under {@code kcl}: {@code applicationName},
     *     {@code workerId})
     * @param leases the lease table, sorted by shard id: only in the answer for one stream under {@code kcl}, and
     *     {@code null} when it could not be read
     * @param leaseTableError why the lease table could not be read, or {@code null}
     */
    public record StreamDescriptor(String name, String tableName, String streamArn, String consumerName,
            StreamState state, Instant lastSuccessfulPoll, Instant lastDelivery, Duration lag, long recordsDelivered,
            List<String> activeShards, Map<String, String> blockedShards, List<CheckpointDescriptor> checkpoints,
            String problem, Map<String, String> coordination, List<ShardLease> leases, String leaseTableError) {
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
