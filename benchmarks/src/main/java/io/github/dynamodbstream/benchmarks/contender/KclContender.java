package io.github.dynamodbstream.benchmarks.contender;

import io.github.dynamodbstream.benchmarks.starter.StarterApplications;
import io.github.dynamodbstream.benchmarks.support.Deliveries;
import io.github.dynamodbstream.benchmarks.support.Pause;
import io.github.dynamodbstream.core.StartingPosition;
import io.github.dynamodbstream.kcl.KclStreamContainer;
import io.github.dynamodbstream.spring.DynamoDbStreamsClientCustomizer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Spring Boot starter on the Kinesis Client Library ({@code dynamodb.stream.coordination=kcl}): the same minimal
 * application and listener as the {@code starter} contender, one instance, with lease tables of its own in every pass
 * (a fresh {@code consumer-name}) and the KCL settings at their defaults. Prepared once the worker holds the lease of
 * every open shard and has read each of them once.
 */
public final class KclContender extends StarterApplicationContender {

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
    private static final AtomicInteger APPLICATIONS = new AtomicInteger();
    /**
     * The threads that work for the worker, by the names KCL 3 gives them: the scheduler's own, the shard consumers
     * and their prefetchers, lease coordination (renewal, discovery, assignment, the leader lock, graceful hand-off),
     * worker metrics, and the event loop and response threads of the asynchronous DynamoDB client of the lease tables.
     * KCL also runs a few executors with the JDK's default names ({@code pool-N-thread-M}); no other contender makes
     * such threads, and CPU is read only in the scenarios where a contender runs alone.
     */
    private static final String[] THREADS = {"dynamodb-stream-kcl-", "ShardRecordProcessor-", "prefetch-cache-",
        "LeaseCoordinator-", "LeaseDiscovery-", "LeaseRenewer-", "LeaseGracefulShutdown-", "lam-thread",
        "dynamodb-lock-client-", "worker-metrics-", "RxCachedWorkerPoolEvictor-", "aws-java-sdk-NettyEventLoop-",
        "sdk-async-response-", "pool-"};

    private final ShardReadWatch reads = new ShardReadWatch();
    private StreamTarget target;
    private long getRecordsAtStart;

    @Override
    public String name() {
        return "kcl";
    }

    /** Returns once the worker holds the lease of every open shard and has read each of them once. */
    @Override
    void awaitReady(StreamTarget target) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (heldShards().size() < target.openShards() || reads.shardsRead() < target.openShards()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The KCL worker did not hold the lease of and read each of the "
                        + target.openShards() + " open shards within " + READY_TIMEOUT + ": leases held "
                        + heldShards() + ", shards read " + reads.shardsRead() + "; "
                        + container().streamStatuses() + ". A fresh lease table waits up to a minute before its "
                        + "leases are created: look for KCL's warnings above.");
            }
            Pause.millis(20);
        }
    }

    /** Left unstarted, the container creates its lease tables and leases after its start, before its first read. */
    @Override
    void start(StreamTarget target, Deliveries deliveries, StartingPosition position, boolean autoStartup) {
        this.target = target;
        super.start(target, deliveries, position, autoStartup);
        getRecordsAtStart = reads.getRecordsCalls();
    }

    @Override
    ThreadCpu threadCpu() {
        return new ThreadCpu(THREADS);
    }

    @Override
    Map<String, Object> properties(StreamTarget target) {
        Map<String, Object> properties = StarterApplications.properties(target.endpoint(), target.region(), null,
                target.streamArn(), target.pollInterval());
        properties.put("dynamodb.stream.coordination", "kcl");
        properties.put("dynamodb.stream.consumer-name", "benchmark-kcl-" + APPLICATIONS.incrementAndGet());
        return properties;
    }

    @Override
    Map<String, Object> singletons() {
        DynamoDbStreamsClientCustomizer watchCalls = builder -> builder.overrideConfiguration(
                builder.overrideConfiguration().toBuilder().addExecutionInterceptor(reads).build());
        return Map.of("benchmarkShardReadWatch", watchCalls);
    }

    private KclStreamContainer container() {
        return bean(KclStreamContainer.class);
    }

    /** The shards whose lease the worker holds now, sorted. */
    private List<String> heldShards() {
        return container().streamStatuses().stream().flatMap(status -> status.activeShards().stream()).sorted()
                .toList();
    }

    /**
     * After {@link #prepareWithoutPolling}, starts the container and returns once it has sent its first
     * {@code GetRecords}: KCL's start-up (a minute or two on a fresh lease table) is not counted against the time the
     * scenario gives the contender to read the backlog.
     */
    @Override
    public void startPolling() {
        if (startsContainerOnPolling()) {
            reads.markStart();
            container().start();
            long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
            while (reads.firstGetRecordsAfterStartMicros() == 0) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("The KCL worker sent no GetRecords within " + READY_TIMEOUT
                            + " of its start: leases held " + heldShards() + "; "
                            + container().streamStatuses() + ". Look for KCL's warnings above.");
                }
                Pause.millis(2);
            }
        }
    }

    /**
     * When the container is started by {@link #startPolling()}, KCL first creates its lease tables, waits on the
     * empty lease table, creates the leases, elects its leader, assigns and takes the leases, and only then reads: the
     * benchmark times it from its first {@code GetRecords}.
     */
    @Override
    public Optional<Long> firstCallAfterStartMicros() {
        return firstCallAfterStart(reads.firstGetRecordsAfterStartMicros());
    }

    /** A round is one {@code GetRecords} per open shard: each shard consumer reads once per poll interval when idle. */
    @Override
    public Optional<CpuUse> cpuUse() {
        long rounds = (reads.getRecordsCalls() - getRecordsAtStart) / Math.max(1, target.openShards());
        return cpuUse(rounds);
    }
}
