package io.github.dynamodbstream.spring.container;

import io.github.dynamodbstream.core.checkpoint.ShardCheckpoint;
import io.github.dynamodbstream.spring.StreamDefinitions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.SmartLifecycle;

/**
 * A listener container: reads the configured streams and delivers their changes to the application's listeners, in
 * one coordination mode. The starter's pollers ({@code coordination: none}, every instance reads every shard) are
 * one; the {@code dynamodb-stream-kcl} module's Kinesis Client Library coordination ({@code coordination: kcl}, each
 * shard read by one instance) is the other. The {@code dynamodbStream} health indicator, the {@code dynamodbstreams}
 * endpoint and the meters read this contract only, so they say the same in both modes.
 *
 * <p>Each start asks every {@link DynamoDbStreamObserverFactory} bean for an observer per stream.
 */
public interface DynamoDbStreamContainer extends SmartLifecycle {

    /** The streams this container reads. */
    StreamDefinitions streams();

    /**
     * How each stream's reading goes, in configuration order, from memory (no remote call); every stream is
     * {@link StreamState#STOPPED} while the container is not running.
     */
    List<StreamStatus> streamStatuses();

    /** How one stream's reading goes; empty when no stream has that name. */
    default Optional<StreamStatus> streamStatus(String streamName) {
        return streamStatuses().stream().filter(status -> status.name().equals(streamName)).findFirst();
    }

    /**
     * The checkpoints this instance holds in memory for one stream, by shard id: read without a call to the
     * checkpoint store, so nothing is claimed there.
     *
     * @param streamName the stream's name
     * @return the checkpoints; empty when the stream is unknown, the container is not running, or the mode keeps its
     *     checkpoints elsewhere (see {@link #leaseTable})
     */
    Map<String, ShardCheckpoint> checkpoints(String streamName);

    /**
     * The stream's lease table, where a mode that shares the shards between instances keeps who reads each shard and
     * its checkpoint. It is read at each call (a remote read that costs capacity): call it on demand, not on a
     * schedule.
     *
     * @param streamName the stream's name
     * @return every shard's lease sorted by shard id; empty when the mode has no lease table (every instance reads
     *     every shard), the stream is unknown or the container is not running
     * @throws IllegalStateException when the lease table could not be read; the message says why
     */
    default Optional<List<ShardLease>> leaseTable(String streamName) {
        return Optional.empty();
    }
}
