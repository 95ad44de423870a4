package io.github.dynamodbstream.kcl.internal;

import com.amazonaws.services.dynamodbv2.streamsadapter.StreamsSchedulerFactory;
import com.amazonaws.services.dynamodbv2.streamsadapter.polling.DynamoDBStreamsPollingConfig;
import io.github.dynamodbstream.core.StartingPosition;
import io.github.dynamodbstream.kcl.DynamoDbStreamKclProperties;
import io.github.dynamodbstream.kcl.KclStreamObserver;
import io.github.dynamodbstream.spring.StreamDefinition;
import io.github.dynamodbstream.spring.event.EventPublishingStreamListener;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import software.amazon.kinesis.common.ConfigsBuilder;
import software.amazon.kinesis.common.InitialPositionInStream;
import software.amazon.kinesis.common.InitialPositionInStreamExtended;
import software.amazon.kinesis.coordinator.Scheduler;
import software.amazon.kinesis.leases.LeaseManagementConfig;
import software.amazon.kinesis.metrics.MetricsConfig;
import software.amazon.kinesis.metrics.MetricsLevel;
import software.amazon.kinesis.metrics.NullMetricsFactory;
import software.amazon.kinesis.processor.StreamTracker;
import software.amazon.kinesis.retrieval.RetrievalConfig;

/**
 * One stream's Kinesis Client Library scheduler, built the way the DynamoDB Streams Kinesis Adapter documents it
 * ({@link StreamsSchedulerFactory}), on its own thread. The lease table is named after the application name; KCL
 * adds {@code <name>-WorkerMetricStats} and {@code <name>-CoordinatorState}. Worker metrics (CPU sampling, which
 * probes EC2, ECS and EKS metadata) are off: leases are balanced by count and throughput.
 */
public final class KclStreamWorker {

    private static final Logger log = LoggerFactory.getLogger(KclStreamWorker.class);

    private final StreamDefinition stream;
    private final String applicationName;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final Scheduler scheduler;
    private final Thread thread;

    public KclStreamWorker(StreamDefinition stream, String applicationName, KclClients clients,
            DynamoDbStreamKclProperties kclProperties, ApplicationEventPublisher publisher,
            KclStreamObserver observer) {
        this.stream = stream;
        this.applicationName = applicationName;
        EventPublishingStreamListener listener = new EventPublishingStreamListener(stream, publisher);
        StreamTracker tracker = StreamsSchedulerFactory.createSingleStreamTracker(stream.streamArn().toString(),
                InitialPositionInStreamExtended.newInitialPosition(
                        stream.startingPosition() == StartingPosition.TRIM_HORIZON
                                ? InitialPositionInStream.TRIM_HORIZON : InitialPositionInStream.LATEST));
        ConfigsBuilder configs = new ConfigsBuilder(tracker, applicationName, clients.adapter(), clients.dynamoDb(),
                clients.cloudWatch(), clients.workerId(),
                () -> new EventPublishingRecordProcessor(stream, listener, observer, stopping::get));
        LeaseManagementConfig leases = configs.leaseManagementConfig()
                .failoverTimeMillis(kclProperties.getFailoverTime().toMillis())
                .shardSyncIntervalMillis(kclProperties.getShardSyncInterval().toMillis());
        leases.workerUtilizationAwareAssignmentConfig().disableWorkerMetrics(true);
        MetricsConfig metrics = configs.metricsConfig().metricsLevel(kclProperties.getCloudWatchMetrics());
        if (kclProperties.getCloudWatchMetrics() == MetricsLevel.NONE) {
            metrics.metricsFactory(new NullMetricsFactory());
        }
        DynamoDBStreamsPollingConfig polling = new DynamoDBStreamsPollingConfig(clients.adapter());
        polling.idleTimeBetweenReadsInMillis(stream.pollInterval().toMillis());
        polling.maxRecords(stream.maxRecords());
        RetrievalConfig retrieval = configs.retrievalConfig().retrievalSpecificConfig(polling);
        this.scheduler = StreamsSchedulerFactory.createScheduler(configs.checkpointConfig(),
                configs.coordinatorConfig(), leases, configs.lifecycleConfig(), metrics, configs.processorConfig(),
                retrieval, clients.adapter());
        this.thread = new Thread(scheduler, "dynamodb-stream-kcl-" + stream.name());
        thread.setDaemon(true);
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
     * Asks every record processor to finish its batch and checkpoint, then gives the leases up; waits at most
     * {@code timeout}, then shuts the scheduler down at once (leases then expire after the failover time).
     */
    public void stopGracefully(Duration timeout) {
        requestStop();
        Future<Boolean> shutdown = scheduler.startGracefulShutdown();
        try {
            if (Boolean.TRUE.equals(shutdown.get(timeout.toMillis(), TimeUnit.MILLISECONDS))) {
                log.info("Stopped Kinesis Client Library worker for stream '{}' after handing its leases over",
                        stream.name());
            } else {
                log.warn("Kinesis Client Library worker for stream '{}' did not shut down gracefully; its leases "
                        + "move to other instances once they expire", stream.name());
            }
        } catch (TimeoutException e) {
            log.warn("Kinesis Client Library worker for stream '{}' did not shut down within {}; stopping it now, its "
                    + "leases move to other instances once they expire", stream.name(), timeout);
            scheduler.shutdown();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            scheduler.shutdown();
        } catch (ExecutionException e) {
            log.warn("Graceful shutdown of the Kinesis Client Library worker for stream '{}' failed; stopping it now",
                    stream.name(), e.getCause());
            scheduler.shutdown();
        }
    }
}
