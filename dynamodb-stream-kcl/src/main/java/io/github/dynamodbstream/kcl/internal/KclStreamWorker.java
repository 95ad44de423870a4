package io.github.dynamodbstream.kcl.internal;

import com.amazonaws.services.dynamodbv2.streamsadapter.StreamsSchedulerFactory;
import io.github.dynamodbstream.core.PollerObserver;
import io.github.dynamodbstream.core.StartingPosition;
import io.github.dynamodbstream.core.failure.DeadLetterStore;
import io.github.dynamodbstream.core.failure.ListenerFailureMode;
import io.github.dynamodbstream.core.internal.delivery.DeliveryPolicy;
import io.github.dynamodbstream.core.internal.delivery.DeliveryRules;
import io.github.dynamodbstream.kcl.DynamoDbStreamKclProperties;
import io.github.dynamodbstream.spring.StreamDefinition;
import io.github.dynamodbstream.spring.container.ShardLease;
import io.github.dynamodbstream.spring.container.internal.StreamActivity;
import io.github.dynamodbstream.spring.event.EventPublishingStreamListener;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.kinesis.common.ConfigsBuilder;
import software.amazon.kinesis.common.InitialPositionInStream;
import software.amazon.kinesis.common.InitialPositionInStreamExtended;
import software.amazon.kinesis.coordinator.Scheduler;
import software.amazon.kinesis.leases.Lease;
import software.amazon.kinesis.leases.LeaseManagementConfig.GracefulLeaseHandoffConfig;
import software.amazon.kinesis.leases.LeaseManagementConfig;
import software.amazon.kinesis.leases.LeaseRefresher;
import software.amazon.kinesis.leases.exceptions.LeasingException;
import software.amazon.kinesis.metrics.MetricsConfig;
import software.amazon.kinesis.metrics.MetricsLevel;
import software.amazon.kinesis.metrics.NullMetricsFactory;
import software.amazon.kinesis.processor.StreamTracker;
import software.amazon.kinesis.retrieval.RetrievalConfig;

/**
 * One stream's Kinesis Client Library scheduler, built the way the DynamoDB Streams Kinesis Adapter documents it
 * ({@link StreamsSchedulerFactory}), on its own thread. The lease table is named after the application name; KCL
 * adds {@code <name>-WorkerMetricStats} and {@code <name>-CoordinatorState}. Worker metrics (CPU sampling, which
 * probes EC2, ECS and EKS metadata) are off: leases are balanced by count and throughput. Its periods derive from the
 * failover time and the poll interval ({@link KclTiming}), a shard is read again at once after a full page
 * ({@link ShardReadPacing}), the instance that read a shard to its end takes its children's leases up to its fair
 * share and hands them to the scheduler at once ({@link ChildLeaseClaim}), and a stop stops the lease discovery first
 * ({@link LeaseCoordinatorHooks}) and gives the leases up at once ({@link WorkerDeparture}).
 */
public final class KclStreamWorker {

    private static final Logger log = LoggerFactory.getLogger(KclStreamWorker.class);
    private static final Duration FORCED_STOP_MARGIN = Duration.ofSeconds(2);

    private final StreamDefinition stream;
    private final String applicationName;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final Scheduler scheduler;
    private final Thread thread;
    private final Duration failover;
    private final WorkerDeparture departure;
    private final ChildLeaseClaim childLeases;
    private final LeaseCoordinatorHooks coordinatorHooks;

    /**
     * @param shutdownTimeout how long a shard's processor may take to finish its batch and checkpoint when its lease
     *     moves, whether this instance stops or the leader moves the lease to another instance
     * @param listener publishes the stream's events; also the handler of the records given up on
     * @param observer sees the deliveries, failures, records skipped, filtered and malformed
     * @param activity the stream's activity tracker, told the leases taken and released, the shards blocked and how
     *     far behind each shard is
     * @param deadLetters the dead-letter store, asked for only when the stream's {@code on-failure} is
     *     {@code dead-letter}
     */
    public KclStreamWorker(StreamDefinition stream, String applicationName, KclClients clients,
            DynamoDbStreamKclProperties kclProperties, Duration shutdownTimeout, EventPublishingStreamListener listener,
            PollerObserver observer, StreamActivity activity, Supplier<DeadLetterStore> deadLetters) {
        this.stream = stream;
        this.applicationName = applicationName;
        DeliveryPolicy delivery = new DeliveryPolicy(listener, new DeliveryRules(stream.retry(), stream.onFailure(),
                stream.maxRecordAge(), stream.filter(), listener,
                stream.onFailure() == ListenerFailureMode.DEAD_LETTER ? deadLetters.get() : null,
                stream.consumerName()), observer, Clock.systemUTC());
        StreamTracker tracker = StreamsSchedulerFactory.createSingleStreamTracker(stream.streamArn().toString(),
                InitialPositionInStreamExtended.newInitialPosition(
                        stream.startingPosition() == StartingPosition.TRIM_HORIZON
                                ? InitialPositionInStream.TRIM_HORIZON : InitialPositionInStream.LATEST));
        ConfigsBuilder configs = new ConfigsBuilder(tracker, applicationName, clients.adapter(), clients.dynamoDb(),
                clients.cloudWatch(), clients.workerId(),
                () -> new EventPublishingRecordProcessor(stream, listener, observer, activity, delivery,
                        stopping::get, childLeases()));
        KclTiming timing = new KclTiming(kclProperties.getFailoverTime(), stream.pollInterval());
        // KCL's periodic shard sync runs on the leases-recovery auditor's period. Its shardSyncIntervalMillis is a
        // pause after each shard sync task (60 s by default), which held a fresh application's first leases back for
        // a minute: the adapter sets it to 0 too, but only after its lease management factory has copied it.
        LeaseManagementConfig leases = timing.applyTo(configs.leaseManagementConfig())
                .shardSyncIntervalMillis(0)
                .leasesRecoveryAuditorExecutionFrequencyMillis(kclProperties.getShardSyncInterval().toMillis())
                .gracefulLeaseHandoffConfig(GracefulLeaseHandoffConfig.builder()
                        .gracefulLeaseHandoffTimeoutMillis(shutdownTimeout.toMillis()).build());
        MetricsConfig metrics = configs.metricsConfig().metricsLevel(kclProperties.getCloudWatchMetrics());
        if (kclProperties.getCloudWatchMetrics() == MetricsLevel.NONE) {
            metrics.metricsFactory(new NullMetricsFactory());
        }
        RetrievalConfig retrieval = configs.retrievalConfig().retrievalSpecificConfig(
                new PacedPollingConfig(clients.adapter(), stream.pollInterval(), stream.maxRecords()));
        this.scheduler = StreamsSchedulerFactory.createScheduler(configs.checkpointConfig(),
                timing.applyTo(configs.coordinatorConfig()), leases, configs.lifecycleConfig(), metrics,
                configs.processorConfig(), retrieval, clients.adapter());
        // Not a daemon, as the broadcast mode's poll loop: the KCL's own threads are daemons, so without this one an
        // application with no web server would exit seconds after it started, in the middle of whatever it read.
        this.thread = new Thread(scheduler, "dynamodb-stream-kcl-" + stream.name());
        this.failover = timing.failover();
        String workerMetricsTable = leases.workerUtilizationAwareAssignmentConfig().workerMetricsTableConfig()
                .tableName();
        this.coordinatorHooks = new LeaseCoordinatorHooks(scheduler::leaseCoordinator);
        this.childLeases = new ChildLeaseClaim(this::leaseRefresher, coordinatorHooks, clients.dynamoDb(),
                workerMetricsTable, clients.workerId(), stopping::get);
        this.departure = new WorkerDeparture(clients.dynamoDb(), workerMetricsTable, clients.workerId());
    }

    /** Asked for by each record processor, which KCL creates once the scheduler was built. */
    private ChildLeaseClaim childLeases() {
        return childLeases;
    }

    private LeaseRefresher leaseRefresher() {
        return scheduler.leaseRefresher();
    }

    public String applicationName() {
        return applicationName;
    }

    public StreamDefinition stream() {
        return stream;
    }

    /** Whether the scheduler ended although no stop was asked for: it failed to start or stopped on an error. */
    public boolean endedUnexpectedly() {
        return !stopping.get() && !thread.isAlive();
    }

    /**
     * Reads the whole lease table (one Scan): every shard's lease, sorted by shard id.
     *
     * @param workerId this instance's worker id, to tell the leases it holds
     * @throws IllegalStateException when the lease table could not be read
     */
    public List<ShardLease> readLeaseTable(String workerId) {
        try {
            return leaseRefresher().listLeases().stream()
                    .map(lease -> new ShardLease(lease.leaseKey(), lease.leaseOwner(),
                            lease.checkpoint() == null ? null : lease.checkpoint().sequenceNumber(),
                            lease.parentShardIds().stream().sorted().toList(),
                            lease.leaseCounter() == null ? 0 : lease.leaseCounter(),
                            workerId.equals(lease.leaseOwner())))
                    .sorted(Comparator.comparing(ShardLease::shardId))
                    .toList();
        } catch (LeasingException e) {
            throw new IllegalStateException("Could not read the lease table " + applicationName + " of stream '"
                    + stream.name() + "' (" + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName())
                    + "); check that DynamoDB is reachable and that the application may Scan that table", e);
        }
    }

    public void start() {
        log.info("Starting Kinesis Client Library worker for stream '{}' (lease table {})", stream.name(),
                applicationName);
        thread.start();
    }

    /** Makes deliveries that are retrying a failed batch give up, so that shutdown is not held by them. */
    public void requestStop() {
        stopping.set(true);
    }

    /**
     * Asks every record processor to finish its batch and checkpoint, then gives the leases up so that the leader
     * assigns them to other instances at its next round. Waits at most {@code timeout} for the graceful part, then
     * stops the scheduler at once; the leases are given up only once no record processor runs any more (otherwise
     * they move when they expire, after the failover time).
     */
    public void stopGracefully(Duration timeout) {
        requestStop();
        long deadline = System.nanoTime() + timeout.toNanos();
        if (!shutDownGracefully(timeout)) {
            scheduler.shutdown();
        }
        if (awaitProcessorsStopped(deadline)) {
            int released = departure.leave(leaseRefresher());
            log.info("Stopped Kinesis Client Library worker for stream '{}'; gave up {} lease(s) for other instances",
                    stream.name(), released);
        } else {
            log.warn("Kinesis Client Library worker for stream '{}' still had a record processor running after it was "
                    + "stopped; its leases move to other instances once they expire", stream.name());
        }
    }

    private boolean shutDownGracefully(Duration timeout) {
        coordinatorHooks.stopLeaseDiscovery();
        Future<Boolean> shutdown = scheduler.startGracefulShutdown();
        try {
            if (Boolean.TRUE.equals(shutdown.get(timeout.toMillis(), TimeUnit.MILLISECONDS))) {
                return true;
            }
            log.warn("Kinesis Client Library worker for stream '{}' did not shut down gracefully; stopping it now",
                    stream.name());
        } catch (TimeoutException e) {
            log.warn("Kinesis Client Library worker for stream '{}' did not shut down within {}; stopping it now",
                    stream.name(), timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            log.warn("Graceful shutdown of the Kinesis Client Library worker for stream '{}' failed; stopping it now",
                    stream.name(), e.getCause());
        }
        return false;
    }

    /**
     * Whether the scheduler's thread and its record processors' threads ended. Waits until the deadline, and at
     * least a little longer than the failover time: after a forced stop, KCL ends each shard's processor as its lease
     * is dropped, and gives up on them once the failover time passed.
     */
    private boolean awaitProcessorsStopped(long deadline) {
        long end = Math.max(deadline, System.nanoTime() + failover.plus(FORCED_STOP_MARGIN).toNanos());
        try {
            TimeUnit.NANOSECONDS.timedJoin(thread, end - System.nanoTime());
            ExecutorService processors = scheduler.executorService();
            return !thread.isAlive()
                    && processors.awaitTermination(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
