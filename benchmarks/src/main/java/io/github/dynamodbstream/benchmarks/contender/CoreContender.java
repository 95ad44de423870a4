package io.github.dynamodbstream.benchmarks.contender;

import io.github.dynamodbstream.benchmarks.support.AwsClients;
import io.github.dynamodbstream.benchmarks.support.Deliveries;
import io.github.dynamodbstream.benchmarks.support.OrderItem;
import io.github.dynamodbstream.core.DynamoDbStreamPoller;
import io.github.dynamodbstream.core.PollResult;
import io.github.dynamodbstream.core.PollerObserver;
import io.github.dynamodbstream.core.StartingPosition;
import io.github.dynamodbstream.core.StreamListener;
import io.github.dynamodbstream.core.record.ChangeRecord;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * {@code dynamodb-stream-core}: a {@link DynamoDbStreamPoller} with its defaults and a no-op {@link StreamListener}
 * (its {@code onInsert} only reports the item's id). Prepared by its first round, then polled by its own loop
 * ({@link DynamoDbStreamPoller#start(Duration)}).
 */
public final class CoreContender implements Contender {

    private final StartingPosition startingPosition;
    private final AtomicLong rounds = new AtomicLong();
    private DynamoDbStreamsClient streams;
    private DynamoDbStreamPoller poller;
    private StreamTarget target;
    private ThreadCpu cpu;
    private long cpuAtStart;

    /** The core at {@code LATEST}, like every other contender. */
    public CoreContender() {
        this(StartingPosition.LATEST);
    }

    public CoreContender(StartingPosition startingPosition) {
        this.startingPosition = startingPosition;
    }

    @Override
    public String name() {
        return startingPosition == StartingPosition.LATEST ? "core" : "core (" + startingPosition + ")";
    }

    @Override
    public void prepare(StreamTarget target, Deliveries deliveries) {
        this.target = target;
        this.streams = AwsClients.streams(target.endpoint(), target.region());
        this.cpu = new ThreadCpu("dynamodb-stream-");
        this.cpuAtStart = cpu.totalNanos();
        this.poller = DynamoDbStreamPoller.builder()
                .streamsClient(streams)
                .streamArn(target.streamArn())
                .startingPosition(startingPosition)
                .listener(new StreamListener() {
                    @Override
                    public void onInsert(ChangeRecord record) {
                        deliveries.delivered(OrderItem.id(record.keys()));
                    }
                })
                .observer(new PollerObserver() {
                    @Override
                    public void roundCompleted(PollResult result, Duration duration) {
                        rounds.incrementAndGet();
                    }
                })
                .build();
        poller.fetchStreamState();
    }

    @Override
    public void startPolling() {
        poller.start(target.pollInterval());
    }

    /** The poller itself, for scenarios that look at its state. */
    public DynamoDbStreamPoller poller() {
        return poller;
    }

    @Override
    public Optional<CpuUse> cpuUse() {
        return Optional.of(new CpuUse(cpu.totalNanos() - cpuAtStart, rounds.get()));
    }

    @Override
    public void close() {
        if (poller != null) {
            poller.close();
        }
        if (streams != null) {
            streams.close();
        }
    }
}
