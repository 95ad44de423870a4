package io.github.dynamodbstream.kcl.endpoint;

import io.github.dynamodbstream.kcl.KclStreamContainer;
import io.github.dynamodbstream.kcl.KclStreamStatus;
import java.util.List;
import java.util.Objects;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * The {@code dynamodbstreams} actuator endpoint under Kinesis Client Library coordination: every stream this instance
 * reads, with its KCL application name (the lease table), this instance's worker id and the shards whose lease it
 * holds. Read-only, and answered from memory: the lease table is not read, so the leases of other instances and the
 * checkpoints are not shown (the lease table has them). Exposed over HTTP only when the application says so:
 * {@code management.endpoints.web.exposure.include=health,dynamodbstreams}.
 */
@Endpoint(id = "dynamodbstreams")
public class KclStreamsEndpoint {

    private final KclStreamContainer container;

    /** @param container the container whose streams to list */
    public KclStreamsEndpoint(KclStreamContainer container) {
        this.container = Objects.requireNonNull(container, "container");
    }

    /** Every stream, in configuration order (none while the container is stopped). */
    @ReadOperation
    public StreamsDescriptor streams() {
        return new StreamsDescriptor(container.isRunning(), container.workerId(), container.streamStatuses());
    }

    /**
     * One stream, by its name in the configuration.
     *
     * @param name the stream's name
     * @return the stream, or {@code null} (HTTP 404) when none of that name runs
     */
    @ReadOperation
    public KclStreamStatus stream(@Selector String name) {
        return container.streamStatuses().stream().filter(stream -> stream.name().equals(name)).findFirst()
                .orElse(null);
    }

    /**
     * The streams this instance reads.
     *
     * @param running whether the container runs
     * @param workerId this instance's identity in the lease tables; {@code null} while stopped
     * @param streams every stream, in configuration order
     */
    public record StreamsDescriptor(boolean running, String workerId, List<KclStreamStatus> streams) {
    }
}
