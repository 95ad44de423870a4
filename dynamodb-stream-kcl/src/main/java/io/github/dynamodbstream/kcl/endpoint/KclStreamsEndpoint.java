package io.github.dynamodbstream.kcl.endpoint;

import io.github.dynamodbstream.kcl.KclLease;
import io.github.dynamodbstream.kcl.KclStreamContainer;
import io.github.dynamodbstream.kcl.KclStreamStatus;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * The {@code dynamodbstreams} actuator endpoint under Kinesis Client Library coordination. Read-only, in two parts:
 * <ul>
 *   <li>{@code /actuator/dynamodbstreams}: every stream this instance reads, with its KCL application name (the
 *       lease table), this instance's worker id and the shards whose lease it holds. Answered from memory: no call
 *       to DynamoDB, so it may be polled.</li>
 *   <li>{@code /actuator/dynamodbstreams/{name}}: one stream's status as above, plus its whole lease table: for
 *       every shard, its owner (whichever instance holds it), its checkpoint, its parent shards, its lease counter
 *       and whether this instance is the owner. The lease table is read at each request (one Scan, which costs read
 *       capacity: call it on demand, not from a monitoring loop). When the read fails, the answer still carries the
 *       status, with the failure's message instead of the leases.</li>
 * </ul>
 * Exposed over HTTP only when the application says so:
 * {@code management.endpoints.web.exposure.include=health,dynamodbstreams}.
 */
@Endpoint(id = "dynamodbstreams")
public class KclStreamsEndpoint {

    private static final Logger log = LoggerFactory.getLogger(KclStreamsEndpoint.class);

    private final KclStreamContainer container;

    /** @param container the container whose streams to list */
    public KclStreamsEndpoint(KclStreamContainer container) {
        this.container = Objects.requireNonNull(container, "container");
    }

    /** Every stream, in configuration order (none while the container is stopped), from memory. */
    @ReadOperation
    public StreamsDescriptor streams() {
        return new StreamsDescriptor(container.isRunning(), container.workerId(), container.streamStatuses());
    }

    /**
     * One stream, by its name in the configuration, with its lease table read from DynamoDB (one Scan).
     *
     * @param name the stream's name
     * @return the stream and its leases, or {@code null} (HTTP 404) when none of that name runs
     */
    @ReadOperation
    public StreamDetail stream(@Selector String name) {
        KclStreamStatus status = container.streamStatuses().stream().filter(stream -> stream.name().equals(name))
                .findFirst().orElse(null);
        if (status == null) {
            return null;
        }
        Optional<List<KclLease>> leases;
        try {
            leases = container.leaseTable(name);
        } catch (RuntimeException e) {
            log.debug("Could not read the lease table of stream '{}'", name, e);
            return new StreamDetail(status, null, e.getMessage() != null ? e.getMessage() : e.toString());
        }
        return leases.map(table -> new StreamDetail(status, table, null)).orElse(null);
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

    /**
     * One stream and its lease table.
     *
     * @param status the stream as this instance reads it (from memory)
     * @param leases every shard's lease in the lease table, sorted by shard id; {@code null} when the lease table
     *     could not be read
     * @param leaseTableError why the lease table could not be read; {@code null} when it was read
     */
    public record StreamDetail(KclStreamStatus status, List<KclLease> leases, String leaseTableError) {
    }
}
