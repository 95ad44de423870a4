package io.github.dynamodbstream.spring.poller;

import io.github.dynamodbstream.core.DynamoDbStreamPoller;
import io.github.dynamodbstream.core.PollerObserver;
import io.github.dynamodbstream.core.checkpoint.ShardCheckpoint;
import io.github.dynamodbstream.spring.StreamDefinition;
import io.github.dynamodbstream.spring.StreamDefinitions;
import io.github.dynamodbstream.spring.container.DynamoDbStreamContainer;
import io.github.dynamodbstream.spring.container.DynamoDbStreamObserverFactory;
import io.github.dynamodbstream.spring.container.StreamStatus;
import io.github.dynamodbstream.spring.container.internal.NamedThreads;
import io.github.dynamodbstream.spring.container.internal.StreamActivity;
import io.github.dynamodbstream.spring.listener.DynamoDbStreamListenerCheck;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The listener container of {@code coordination: none}: runs one {@link DynamoDbStreamPoller} per configured stream,
 * so that every instance of the application reads every shard. A {@link SmartLifecycle} in a late phase: it starts
 * when the application context has been refreshed (unless {@code dynamodb.stream.auto-startup} is {@code false};
 * then call {@link #start()} on this bean), and stops first on shutdown.
 *
 * <p>Each start builds the pollers with the {@link DynamoDbStreamPollerFactory} and two pools of daemon threads of
 * its own, never the application's {@code TaskExecutor} or {@code TaskScheduler}: one thread per stream runs the
 * rounds ({@code dynamodb-stream-round-<n>}), and four per stream read the shards ({@code dynamodb-stream-reader-<n>},
 * virtual threads with {@code spring.threads.virtual.enabled=true} on Java 21 and later)
 * and run the {@code @EventListener} methods. Rounds are requested by fixed-delay tasks of Spring's scheduling
 * ({@link DynamoDbStreamSchedulingConfigurer}); a request while the stream's round is in flight is skipped, and a
 * round that left records behind is followed at once by another, so a backlog drains without waiting for ticks.
 *
 * <p>{@link #stop()} requests no new round, lets each round in flight deliver and checkpoint its batch in flight
 * (at most {@code dynamodb.stream.shutdown-timeout}), then closes the pollers and the pools. The container can be
 * started again; the pollers then go on from their checkpoints.
 */
public class DynamoDbStreamListenerContainer implements DynamoDbStreamContainer {

    /** The phase of the container: late, so that it starts after, and stops before, the beans its listeners use. */
    public static final int DEFAULT_PHASE = SmartLifecycle.DEFAULT_PHASE - 100;

    private static final Logger log = LoggerFactory.getLogger(DynamoDbStreamListenerContainer.class);
    private static final int READERS_PER_STREAM = 4;

    private final StreamDefinitions streams;
    private final DynamoDbStreamPollerFactory pollerFactory;
    private final Iterable<? extends DynamoDbStreamObserverFactory> observerFactories;
    private final DynamoDbStreamListenerCheck listenerCheck;
    private final Duration shutdownTimeout;
    private final boolean autoStartup;
    private final Clock clock = Clock.systemUTC();
    private final Object monitor = new Object();
    private volatile boolean running;
    private volatile boolean virtualThreads;
    private volatile Map<String, StreamRuntime> runtimes = Map.of();
    private volatile Map<String, StreamActivity> activities;
    private ThreadPoolExecutor roundThreads;
    private ThreadPoolExecutor readerThreads;

    /**
     * @param streams the streams to read
     * @param pollerFactory builds a poller per stream at each start
     * @param observerFactories asked for an observer per stream at each start (iterated then, so a lazy
     *        {@code ObjectProvider} does)
     * @param listenerCheck checks the application's listeners at each start, before any poller is built
     * @param shutdownTimeout how long {@link #stop()} waits for the batches in flight
     * @param autoStartup whether the context starts the container when it is refreshed
     */
    public DynamoDbStreamListenerContainer(StreamDefinitions streams, DynamoDbStreamPollerFactory pollerFactory,
            Iterable<? extends DynamoDbStreamObserverFactory> observerFactories,
            DynamoDbStreamListenerCheck listenerCheck, Duration shutdownTimeout, boolean autoStartup) {
        this.streams = Objects.requireNonNull(streams, "streams");
        this.pollerFactory = Objects.requireNonNull(pollerFactory, "pollerFactory");
        this.observerFactories = Objects.requireNonNull(observerFactories, "observerFactories");
        this.listenerCheck = Objects.requireNonNull(listenerCheck, "listenerCheck");
        this.shutdownTimeout = Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
        this.autoStartup = autoStartup;
        this.activities = newActivities();
    }

    /**
     * Whether the shard readers, which run the listeners, are virtual threads (Java 21 and later) from the next
     * start; platform threads by default. The auto-configuration sets it from {@code spring.threads.virtual.enabled}.
     */
    public void setVirtualThreads(boolean virtualThreads) {
        this.virtualThreads = virtualThreads;
    }

    @Override
    public StreamDefinitions streams() {
        return streams;
    }

    @Override
    public List<StreamStatus> streamStatuses() {
        boolean isRunning = running;
        return activities.values().stream().map(activity -> activity.status(isRunning, Map.of())).toList();
    }

    /**
     * {@inheritDoc} The pollers' own: those each took over at start and every one it saved since.
     */
    @Override
    public Map<String, ShardCheckpoint> checkpoints(String streamName) {
        StreamRuntime runtime = runtimes.get(streamName);
        return runtime == null ? Map.of() : runtime.poller().shardState();
    }

    /**
     * Checks the application's listeners, builds the pollers and accepts rounds. Does nothing when running.
     *
     * @throws io.github.dynamodbstream.spring.diagnostics.DynamoDbStreamConfigurationException when a stream's
     *         changes would be acknowledged unheard (see {@link DynamoDbStreamListenerCheck})
     * @throws RuntimeException when a poller cannot be built; the pollers built so far are closed
     */
    @Override
    public void start() {
        synchronized (monitor) {
            if (running) {
                return;
            }
            listenerCheck.verify();
            int count = Math.max(1, streams.size());
            ThreadPoolExecutor rounds = NamedThreads.pool("dynamodb-stream-round-", count);
            ThreadPoolExecutor readers = NamedThreads.pool("dynamodb-stream-reader-",
                    READERS_PER_STREAM * count, virtualThreads);
            Map<String, StreamActivity> started = newActivities();
            Map<String, StreamRuntime> built = new LinkedHashMap<>();
            try {
                for (StreamDefinition stream : streams) {
                    StreamActivity activity = started.get(stream.name());
                    List<PollerObserver> observers = new ArrayList<>();
                    observers.add(activity);
                    observerFactories.forEach(factory -> observers.add(factory.observerFor(stream)));
                    DynamoDbStreamPoller poller = pollerFactory.create(stream, readers,
                            PollerObserver.composite(observers));
                    built.put(stream.name(), new StreamRuntime(stream, poller, activity));
                }
            } catch (RuntimeException | Error e) {
                built.values().forEach(runtime -> runtime.poller().close());
                rounds.shutdownNow();
                readers.shutdownNow();
                throw e;
            }
            roundThreads = rounds;
            readerThreads = readers;
            activities = started;
            runtimes = built;
            running = true;
            log.info("Started reading {} DynamoDB stream(s): {}", built.size(), describe());
        }
    }

    /**
     * Requests no new round, waits for the batches in flight to be delivered and checkpointed (at most the shutdown
     * timeout), closes the pollers and the container's threads. Does nothing when not running.
     */
    @Override
    public void stop() {
        synchronized (monitor) {
            if (!running) {
                return;
            }
            running = false;
            long deadline = System.nanoTime() + shutdownTimeout.toNanos();
            List<Thread> closers = new ArrayList<>();
            for (StreamRuntime runtime : runtimes.values()) {
                Thread closer = new Thread(runtime.poller()::close, "dynamodb-stream-stop-" + runtime.stream().name());
                closer.setDaemon(true);
                closer.start();
                closers.add(closer);
            }
            boolean interrupted = false;
            try {
                for (Thread closer : closers) {
                    closer.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                }
                shutDown(roundThreads, deadline);
                shutDown(readerThreads, deadline);
            } catch (InterruptedException e) {
                interrupted = true;
                roundThreads.shutdownNow();
                readerThreads.shutdownNow();
            }
            if (closers.stream().anyMatch(Thread::isAlive) || !roundThreads.isTerminated()) {
                log.warn("The DynamoDB stream rounds in flight did not end within {} (dynamodb.stream.shutdown-timeout)"
                        + " and were interrupted; their last batch is delivered again at the next start",
                        shutdownTimeout);
            }
            runtimes = Map.of();
            log.info("Stopped reading DynamoDB stream(s): {}", describe());
            listenerCheck.reportUnheardChanges();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void shutDown(ExecutorService executor, long deadline) throws InterruptedException {
        executor.shutdown();
        if (!executor.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
            executor.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public boolean isAutoStartup() {
        return autoStartup;
    }

    @Override
    public int getPhase() {
        return DEFAULT_PHASE;
    }

    /**
     * Starts a round of the stream on the container's round thread, unless the container is not running or the
     * stream's round is in flight. Returns at once.
     */
    void requestRound(String streamName) {
        StreamRuntime runtime = runtimes.get(streamName);
        if (!running || runtime == null) {
            return;
        }
        if (!runtime.tryBeginRound()) {
            log.trace("Round of stream '{}' still in flight; this tick is skipped", streamName);
            return;
        }
        try {
            roundThreads.execute(() -> runRounds(runtime));
        } catch (RejectedExecutionException e) {
            runtime.endRound();
        }
    }

    private void runRounds(StreamRuntime runtime) {
        try {
            boolean again;
            do {
                again = runtime.runRound(this::isRunning);
            } while (again && running);
        } finally {
            runtime.endRound();
        }
    }

    private Map<String, StreamActivity> newActivities() {
        Map<String, StreamActivity> map = new LinkedHashMap<>();
        for (StreamDefinition stream : streams) {
            map.put(stream.name(), StreamActivity.forRounds(stream, clock));
        }
        return map;
    }

    private String describe() {
        if (streams.size() == 0) {
            return "none";
        }
        return streams.all().stream()
                .map(stream -> stream.name() + " (table " + stream.tableName() + ", consumer " + stream.consumerName()
                        + ", every " + stream.pollInterval().toMillis() + " ms)")
                .collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return "DynamoDbStreamListenerContainer[streams=" + streams.all().stream().map(StreamDefinition::name).toList()
                + ", running=" + running + "]";
    }
}
