package io.github.dynamodbstream.kcl.internal;

import com.amazonaws.services.dynamodbv2.streamsadapter.StreamsSchedulerFactory;
import com.amazonaws.services.dynamodbv2.streamsadapter.polling.DynamoDBStreamsPollingConfig;
import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.kinesis.retrieval.polling.SleepTimeController;

/**
 * The adapter's polling configuration with this module's {@link ShardReadPacing}: {@link StreamsSchedulerFactory}
 * sets its own sleep controller on the polling configuration it is given, so the pacing is returned whatever was set.
 * Its record fetchers stop promptly ({@link PromptlyStoppedRecordsFetcherFactory}).
 */
public final class PacedPollingConfig extends DynamoDBStreamsPollingConfig {

    private final ShardReadPacing pacing;

    /**
     * @param adapter the adapter's client, which reads the stream
     * @param pollInterval the wait after an empty page
     * @param maxRecords records asked for by each {@code GetRecords}
     */
    public PacedPollingConfig(KinesisAsyncClient adapter, Duration pollInterval, int maxRecords) {
        super(adapter);
        idleTimeBetweenReadsInMillis(pollInterval.toMillis());
        maxRecords(maxRecords);
        this.pacing = new ShardReadPacing(Clock.systemUTC(), maxRecords);
        recordsFetcherFactory(new PromptlyStoppedRecordsFetcherFactory());
    }

    @Override
    public SleepTimeController sleepTimeController() {
        return pacing;
    }
}
