package io.github.dynamodbstream.kcl.internal;

import io.github.dynamodbstream.spring.container.internal.NamedThreads;
import java.time.Duration;
import java.util.concurrent.Executors;
import software.amazon.kinesis.metrics.MetricsFactory;
import software.amazon.kinesis.retrieval.GetRecordsRetrievalStrategy;
import software.amazon.kinesis.retrieval.RecordsPublisher;
import software.amazon.kinesis.retrieval.ThrottlingReporter;
import software.amazon.kinesis.retrieval.polling.PrefetchRecordsPublisher;
import software.amazon.kinesis.retrieval.polling.SimpleRecordsFetcherFactory;
import software.amazon.kinesis.retrieval.polling.SleepTimeController;

/**
 * KCL's record fetchers (one thread per shard reading pages ahead into a queue of a few pages), interrupted
 * {@link #STOP_WAIT} after their shard's consumer stopped them instead of a minute. A fetcher whose queue is full
 * waits for room without looking whether it was stopped, and the record processor's thread waits for the fetcher,
 * so a stop (or a lease moved while pages were queued) held the shard until the failover time forced it. The pages
 * a stopped fetcher holds are dropped either way.
 */
final class PromptlyStoppedRecordsFetcherFactory extends SimpleRecordsFetcherFactory {

    /** How long a stopped fetcher may take to finish the call in flight before it is interrupted. */
    private static final Duration STOP_WAIT = Duration.ofMillis(200);
    /** KCL's default: throttled calls in a row before it reports them at ERROR. */
    private static final int MAX_CONSECUTIVE_THROTTLES = 5;

    @Override
    public RecordsPublisher createRecordsFetcher(GetRecordsRetrievalStrategy getRecordsRetrievalStrategy,
            String shardId, MetricsFactory metricsFactory, int maxRecords, SleepTimeController sleepTimeController) {
        return new PrefetchRecordsPublisher(maxPendingProcessRecordsInput(), maxByteSize(), maxRecordsCount(),
                maxRecords, getRecordsRetrievalStrategy,
                Executors.newSingleThreadExecutor(NamedThreads.daemonThreads("prefetch-cache-" + shardId + "-")),
                idleMillisBetweenCalls(), millisBehindLatestThresholdForReducedTps(), metricsFactory, "ProcessTask",
                shardId, new ThrottlingReporter(MAX_CONSECUTIVE_THROTTLES, shardId), STOP_WAIT.toMillis(),
                sleepTimeController);
    }
}
