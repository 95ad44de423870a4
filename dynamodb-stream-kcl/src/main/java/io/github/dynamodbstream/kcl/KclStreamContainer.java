package io.github.dynamodbstream.kcl;

import io.github.dynamodbstream.core.PollerObserver;
import io.github.dynamodbstream.core.checkpoint.ShardCheckpoint;
import io.github.dynamodbstream.core.failure.DeadLetterStore;
import io.github.dynamodbstream.kcl.internal.KclClients;
import io.github.dynamodbstream.kcl.internal.KclStreamWorker;
import io.github.dynamodbstream.kcl.internal.LeaseTableNames;
import io.github.dynamodbstream.spring.DynamoDbStreamProperties;
import io.github.dynamodbstream.spring.StreamDefinition;
import io.github.dynamodbstream.spring.StreamDefinitions;
import io.github.dynamodbstream.spring.connection.DynamoDbStreamConnectionDetails;
import io.github.dynamodbstream.spring.container.DynamoDbStreamContainer;
import io.github.dynamodbstream.spring.container.DynamoDbStreamObserverFactory;
import io.github.dynamodbstream.spring.container.ShardLease;
import io.github.dynamodbstream.spring.container.StreamState;
import io.github.dynamodbstream.spring.container.StreamStatus;
import io.github.dynamodbstream.spring.container.internal.StreamActivity;
import io.github.dynamodbstream.spring.event.EventPublishingStreamListeners;
import io.github.dynamodbstream.spring.listener.DynamoDbStreamListenerCheck;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The listener container of {@code coordination: kcl}: runs one Kinesis Client Library scheduler per configured
 * stream, so that each shard is processed by one instance of the application at a time. Records reach the
 * application as the starter's events ({@code ItemInsertedEvent} and the others), published synchronously on the
 * shard's processing thread; a shard's checkpoint in the lease table moves only after every listener returned
 * normally. It keeps the starter's {@link DynamoDbStreamContainer} contract, so the starter's health indicator,
 * {@code dynamodbstreams} endpoint and meters report on it; its status adds what only it knows: the leases it holds,
 * its application name and worker id, and the lease table ({@link #leaseTable}).
 *
 * <p>Started with the application context (unless {@code dynamodb.stream.auto-startup} is false); stopped with it,
 * gracefully: each shard's batch in flight is finished and checkpointed before its lease is given up, within
 * {@code dynamodb.stream.shutdown-timeout}.
 */
public final class KclStreamContainer implements DynamoDbStreamContainer {

    private static final Logger log = LoggerFactory.getLogger(KclStreamContainer.class);

    private final StreamDefinitions streams;
    private final DynamoDbStreamsClient streamsClient;
    private final DynamoDbStreamProperties properties;
    private final DynamoDbStreamConnectionDetails connection;
    private final DynamoDbStreamKclProperties kclProperties;
    private final EventPublishingStreamListeners listeners;
    private final DynamoDbStreamListenerCheck listenerCheck;
    private final Supplier<List<DynamoDbStreamObserverFactory>> observerFactories;
    private final Supplier<DeadLetterStore> deadLetters;
    private final Clock clock = Clock.systemUTC();
    private final List<KclStreamWorker> workers = new ArrayList<>();
    private Map<String, StreamActivity> activities;
    private KclClients clients;

    /**
     * @param streams the streams to read
     * @param streamsClient the DynamoDB Streams client the adapter reads through
     * @param properties the starter's properties: shutdown timeout, auto-startup
     * @param connection the endpoint and credentials of the lease tables' DynamoDB client (the streams client's)
     * @param kclProperties the coordination settings
     * @param listeners builds each stream's listener, which publishes its events
     * @param listenerCheck checks the application's listeners at each start, before any worker is built
     * @param observerFactories asked for at each start, then each for an observer per stream
     * @param deadLetters the dead-letter store, asked for only by streams whose {@code on-failure} is
     *        {@code dead-letter}
     */
    public KclStreamContainer(StreamDefinitions streams, DynamoDbStreamsClient streamsClient,
            DynamoDbStreamProperties properties, DynamoDbStreamConnectionDetails connection,
            DynamoDbStreamKclProperties kclProperties,
            EventPublishingStreamListeners listeners, DynamoDbStreamListenerCheck listenerCheck,
            Supplier<List<DynamoDbStreamObserverFactory>> observerFactories,
            Supplier<DeadLetterStore> deadLetters) {
        this.streams = Objects.requireNonNull(streams, "streams");
        this.streamsClient = Objects.requireNonNull(streamsClient, "streamsClient");
        this.properties = Objects.requireNonNull(properties, "properties");
        this.connection = Objects.requireNonNull(connection, "connection");
        this.kclProperties = Objects.requireNonNull(kclProperties, "kclProperties");
        this.listeners = Objects.requireNonNull(listeners, "listeners");
        this.listenerCheck = Objects.requireNonNull(listenerCheck, "listenerCheck");
        this.observerFactories = Objects.requireNonNull(observerFactories, "observerFactories");
        this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
        this.activities = newActivities();
    }

    @Override
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        listenerCheck.verify();
        clients = KclClients.create(streamsClient, connection, kclProperties);
        activities = newActivities();
        List<DynamoDbStreamObserverFactory> factories = observerFactories.get();
        for (StreamDefinition stream : streams) {
            StreamActivity activity = activities.get(stream.name());
            List<PollerObserver> observers = new ArrayList<>();
            observers.add(activity);
            factories.forEach(factory -> observers.add(factory.observerFor(stream)));
            String applicationName = LeaseTableNames.resolve(stream, clients.dynamoDb(), streamsClient);
            KclStreamWorker worker = new KclStreamWorker(stream, applicationName, clients, kclProperties,
                    properties.getShutdownTimeout(), listeners.listenerFor(stream),
                    PollerObserver.composite(observers), activity, deadLetters);
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

    @Override
    public StreamDefinitions streams() {
        return streams;
    }

    /** The names of the lease tables in use, one per stream (empty when stopped). */
    public synchronized List<String> leaseTableNames() {
        return workers.stream().map(KclStreamWorker::applicationName).toList();
    }

    /** This instance's identity in the lease tables, {@code null} when stopped. */
    public synchronized String workerId() {
        return clients == null ? null : clients.workerId();
    }

    /**
     * {@inheritDoc} A stream whose scheduler ended although the application did not stop it is
     * {@link StreamState#FAILED}; its {@link StreamStatus#coordination() coordination} gives the KCL
     * {@code applicationName} (the lease table's name) and this instance's {@code workerId} while running.
     */
    @Override
    public synchronized List<StreamStatus> streamStatuses() {
        boolean running = isRunning();
        List<StreamStatus> statuses = new ArrayList<>();
        for (StreamDefinition stream : streams) {
            StreamActivity activity = activities.get(stream.name());
            Map<String, String> coordination = Map.of();
            KclStreamWorker worker = worker(stream.name());
            if (worker != null) {
                coordination = Map.of("applicationName", worker.applicationName(), "workerId", clients.workerId());
                if (worker.endedUnexpectedly() && activity.state() != StreamState.FAILED) {
                    activity.failed(StreamState.FAILED, "The Kinesis Client Library scheduler of lease table "
                            + worker.applicationName() + " stopped although the application did not stop it (it "
                            + "failed to start or ended on an error; its log says why)");
                }
            }
            statuses.add(activity.status(running, coordination));
        }
        return statuses;
    }

    /** {@inheritDoc} None under kcl: the checkpoints are in the lease table ({@link #leaseTable}). */
    @Override
    public Map<String, ShardCheckpoint> checkpoints(String streamName) {
        return Map.of();
    }

    /**
     * {@inheritDoc} One Scan of the stream's lease table: every shard's lease, whoever holds it, with its checkpoint.
     */
    @Override
    public Optional<List<ShardLease>> leaseTable(String streamName) {
        KclStreamWorker worker;
        String workerId;
        synchronized (this) {
            worker = worker(streamName);
            workerId = workerId();
        }
        // read outside the lock: a slow Scan must not hold up stop()
        return worker == null ? Optional.empty() : Optional.of(worker.readLeaseTable(workerId));
    }

    private KclStreamWorker worker(String streamName) {
        return workers.stream().filter(candidate -> candidate.stream().name().equals(streamName)).findFirst()
                .orElse(null);
    }

    private Map<String, StreamActivity> newActivities() {
        Map<String, StreamActivity> map = new LinkedHashMap<>();
        for (StreamDefinition stream : streams) {
            map.put(stream.name(), StreamActivity.forLeases(stream, clock));
        }
        return map;
    }
}
