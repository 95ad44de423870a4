package io.github.dynamodbstream.kcl;

import io.github.dynamodbstream.core.DeadLetterStore;
import io.github.dynamodbstream.kcl.internal.CompositeKclStreamObserver;
import io.github.dynamodbstream.kcl.internal.KclClients;
import io.github.dynamodbstream.kcl.internal.KclStreamWorker;
import io.github.dynamodbstream.kcl.internal.LeaseTableNames;
import io.github.dynamodbstream.kcl.internal.StreamActivity;
import io.github.dynamodbstream.spring.DynamoDbStreamProperties;
import io.github.dynamodbstream.spring.StreamDefinition;
import io.github.dynamodbstream.spring.StreamDefinitions;
import io.github.dynamodbstream.spring.connection.DynamoDbStreamConnectionDetails;
import io.github.dynamodbstream.spring.event.EventPublishingStreamListeners;
import io.github.dynamodbstream.spring.listener.DynamoDbStreamListenerCheck;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Runs one Kinesis Client Library scheduler per configured stream, so that each shard is processed by one
 * instance of the application at a time. Records reach the application as the starter's events
 * ({@code ItemInsertedEvent} and the others), published synchronously on the shard's processing thread; a shard's
 * checkpoint in the lease table moves only after every listener returned normally.
 *
 * <p>Started with the application context (unless {@code dynamodb.stream.auto-startup} is false); stopped with it,
 * gracefully: each shard's batch in flight is finished and checkpointed before its lease is given up, within
 * {@code dynamodb.stream.shutdown-timeout}.
 */
public final class KclStreamContainer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(KclStreamContainer.class);

    private final StreamDefinitions streams;
    private final DynamoDbStreamsClient streamsClient;
    private final DynamoDbStreamProperties properties;
    private final DynamoDbStreamConnectionDetails connection;
    private final DynamoDbStreamKclProperties kclProperties;
    private final EventPublishingStreamListeners listeners;
    private final DynamoDbStreamListenerCheck listenerCheck;
    private final Supplier<List<KclStreamObserver>> observers;
    private final Supplier<DeadLetterStore> deadLetters;
    private final List<KclStreamWorker> workers = new ArrayList<>();
    private KclClients clients;
    private StreamActivity activity;

    /**
     * @param streams the streams to read
     * @param streamsClient the DynamoDB Streams client the adapter reads through
     * @param properties the starter's properties: shutdown timeout, auto-startup
     * @param connection the endpoint and credentials of the lease tables' DynamoDB client (the streams client's)
     * @param kclProperties the coordination settings
     * @param listeners builds each stream's listener, which publishes its events
     * @param listenerCheck checks the application's listeners at each start, before any worker is built
     * @param observers the observers of the record processors, asked for at each start
     * @param deadLetters the dead-letter store, asked for only by streams whose {@code on-failure} is
     *        {@code dead-letter}
     */
    public KclStreamContainer(StreamDefinitions streams, DynamoDbStreamsClient streamsClient,
            DynamoDbStreamProperties properties, DynamoDbStreamConnectionDetails connection,
            DynamoDbStreamKclProperties kclProperties,
            EventPublishingStreamListeners listeners, DynamoDbStreamListenerCheck listenerCheck,
            Supplier<List<KclStreamObserver>> observers,
            Supplier<DeadLetterStore> deadLetters) {
        this.streams = Objects.requireNonNull(streams, "streams");
        this.streamsClient = Objects.requireNonNull(streamsClient, "streamsClient");
        this.properties = Objects.requireNonNull(properties, "properties");
        this.connection = Objects.requireNonNull(connection, "connection");
        this.kclProperties = Objects.requireNonNull(kclProperties, "kclProperties");
        this.listeners = Objects.requireNonNull(listeners, "listeners");
        this.listenerCheck = Objects.requireNonNull(listenerCheck, "listenerCheck");
        this.observers = Objects.requireNonNull(observers, "observers");
        this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
    }

    @Override
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        listenerCheck.verify();
        clients = KclClients.create(streamsClient, connection, kclProperties);
        activity = new StreamActivity(Clock.systemUTC());
        List<KclStreamObserver> all = new ArrayList<>();
        all.add(activity);
        all.addAll(observers.get());
        KclStreamObserver observer = new CompositeKclStreamObserver(all);
        for (StreamDefinition stream : streams) {
            String applicationName = LeaseTableNames.resolve(stream, clients.dynamoDb(), streamsClient);
            KclStreamWorker worker = new KclStreamWorker(stream, applicationName, clients, kclProperties,
                    properties.getShutdownTimeout(), listeners.listenerFor(stream), observer, deadLetters);
            workers.add(worker);
            worker.start();
        }
        log.info("Started Kinesis Client Library coordination of {} stream(s) as worker {}", workers.size(),
                clients.workerId());
    }

    @Override
    public synchronized void stop() {
        if (!isRunning()) {
            return;
        }
        workers.forEach(KclStreamWorker::requestStop);
        for (KclStreamWorker worker : workers) {
            worker.stopGracefully(properties.getShutdownTimeout());
        }
        workers.clear();
        clients.close();
        clients = null;
        listenerCheck.reportUnheardChanges();
    }

    @Override
    public synchronized boolean isRunning() {
        return !workers.isEmpty();
    }

    @Override
    public boolean isAutoStartup() {
        return properties.isAutoStartup();
    }

    /** The names of the lease tables in use, one per stream (empty when stopped). */
    public synchronized List<String> leaseTableNames() {
        return workers.stream().map(KclStreamWorker::applicationName).toList();
    }

    /** This instance's identity in the lease tables, {@code null} when stopped. */
    public synchronized String workerId() {
        return clients == null ? null : clients.workerId();
    }

    /** The streams in configuration order, as this instance reads them now (empty when stopped). */
    public synchronized List<KclStreamStatus> streamStatuses() {
        return workers.stream().map(this::status).toList();
    }

    /**
     * Reads a stream's lease table from DynamoDB: every shard's lease, whoever holds it, with its checkpoint. Each
     * call is one Scan of the lease table, which costs read capacity: call it on demand, not on a schedule.
     *
     * @param streamName the stream's name in the configuration
     * @return the leases sorted by shard id; empty when no stream of that name runs (or the container is stopped)
     * @throws IllegalStateException when the lease table could not be read
     */
    public Optional<List<KclLease>> leaseTable(String streamName) {
        KclStreamWorker worker;
        String workerId;
        synchronized (this) {
            worker = workers.stream().filter(candidate -> candidate.stream().name().equals(streamName)).findFirst()
                    .orElse(null);
            workerId = workerId();
        }
        // read outside the lock: a slow Scan must not hold up stop()
        return worker == null ? Optional.empty() : Optional.of(worker.readLeaseTable(workerId));
    }

    private KclStreamStatus status(KclStreamWorker worker) {
        String name = worker.stream().name();
        return new KclStreamStatus(name, worker.stream().tableName(), worker.applicationName(), clients.workerId(),
                worker.endedUnexpectedly() ? KclStreamStatus.State.FAILED : KclStreamStatus.State.RUNNING,
                activity.leases(name), activity.recordsDelivered(name), activity.lastDelivery(name),
                activity.lag(name));
    }
}
