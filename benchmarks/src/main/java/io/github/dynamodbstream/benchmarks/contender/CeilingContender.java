package io.github.dynamodbstream.benchmarks.contender;

import io.github.dynamodbstream.benchmarks.support.AwsClients;
import io.github.dynamodbstream.benchmarks.support.Deliveries;
import io.github.dynamodbstream.benchmarks.support.OrderItem;
import io.github.dynamodbstream.benchmarks.support.Pause;
import io.github.dynamodbstream.benchmarks.support.StreamShards;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The least a consumer can do: list the shards once (every page), take a {@code LATEST} iterator on each open shard,
 * then on a thread per shard call {@code GetRecords} until a page comes back empty, pause for the poll interval, and
 * go on. No checkpoints, no lineage, no retries beyond the SDK's, no processing: what the endpoint and the SDK allow.
 */
public final class CeilingContender implements Contender {

    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final String threadPrefix = "ceiling-" + INSTANCES.incrementAndGet() + "-shard-";
    private final List<Thread> readers = new ArrayList<>();
    private final List<String> iterators = new ArrayList<>();
    private final AtomicLong emptyPolls = new AtomicLong();
    private DynamoDbStreamsClient streams;
    private StreamTarget target;
    private Deliveries deliveries;
    private ThreadCpu cpu;
    private long cpuAtStart;
    private volatile boolean stopping;

    @Override
    public String name() {
        return "ceiling";
    }

    @Override
    public void prepare(StreamTarget target, Deliveries deliveries) {
        this.target = target;
        this.deliveries = deliveries;
        this.streams = AwsClients.streams(target.endpoint(), target.region());
        this.cpu = new ThreadCpu(threadPrefix);
        this.cpuAtStart = cpu.totalNanos();
        for (Shard shard : StreamShards.open(streams, target.streamArn())) {
            iterators.add(streams.getShardIterator(b -> b.streamArn(target.streamArn()).shardId(shard.shardId())
                    .shardIteratorType(ShardIteratorType.LATEST)).shardIterator());
        }
    }


    @Override
    public void startPolling() {
        for (String iterator : iterators) {
            Thread reader = new Thread(() -> read(iterator), threadPrefix + readers.size());
            reader.setDaemon(true);
            readers.add(reader);
            reader.start();
        }
    }

    private void read(String firstIterator) {
        String iterator = firstIterator;
        while (!stopping && iterator != null) {
            String current = iterator;
            try {
                GetRecordsResponse page = streams.getRecords(b -> b.shardIterator(current).limit(1000));
                for (Record record : page.records()) {
                    deliveries.delivered(OrderItem.id(record.dynamodb().keys()));
                }
                iterator = page.nextShardIterator();
                if (page.records().isEmpty()) {
                    emptyPolls.incrementAndGet();
                    Pause.of(target.pollInterval());
                }
            } catch (RuntimeException e) {
                if (stopping) {
                    return;
                }
                throw e;
            }
        }
    }

    /** Rounds are counted as empty polls per shard: each shard's thread pauses once per round when caught up. */
    @Override
    public Optional<CpuUse> cpuUse() {
        long rounds = iterators.isEmpty() ? 0 : emptyPolls.get() / iterators.size();
        return Optional.of(new CpuUse(cpu.totalNanos() - cpuAtStart, rounds));
    }

    @Override
    public void close() {
        stopping = true;
        for (Thread reader : readers) {
            reader.interrupt();
        }
        for (Thread reader : readers) {
            try {
                reader.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (streams != null) {
            streams.close();
        }
    }
}
