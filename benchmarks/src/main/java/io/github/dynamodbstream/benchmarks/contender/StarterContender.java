package io.github.dynamodbstream.benchmarks.contender;

import io.github.dynamodbstream.benchmarks.starter.StarterApplications;
import io.github.dynamodbstream.benchmarks.support.MicroClock;
import io.github.dynamodbstream.benchmarks.support.Pause;
import io.github.dynamodbstream.core.PollResult;
import io.github.dynamodbstream.core.PollerObserver;
import io.github.dynamodbstream.spring.container.DynamoDbStreamObserverFactory;
import io.github.dynamodbstream.spring.poller.DynamoDbStreamListenerContainer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Spring Boot starter in a minimal application (no web) with a no-op {@code @EventListener} for
 * {@code ItemInsertedEvent<OrderItem>}, configured only through {@code dynamodb.stream.*} properties. Prepared when the
 * starter's first round has ended (it then polls on its own, every poll interval). Observed, the application has an
 * {@link ObservationRegistry} that records every observation in a timer, as Spring Boot's metrics do: the starter
 * then observes every delivery.
 */
public final class StarterContender extends StarterApplicationContender {

    /** The name of the variant with a recording {@link ObservationRegistry}. */
    public static final String OBSERVED = "starter, observed";

    private static final Duration FIRST_ROUND_TIMEOUT = Duration.ofSeconds(120);

    private final AtomicLong rounds = new AtomicLong();
    private final AtomicLong firstCallAfterStartMicros = new AtomicLong();
    private volatile boolean started;
    private final boolean observed;

    /** The starter without an {@link ObservationRegistry}. */
    public StarterContender() {
        this(false);
    }

    /** @param observed whether the application has an {@link ObservationRegistry} that records */
    public StarterContender(boolean observed) {
        this.observed = observed;
    }

    @Override
    public String name() {
        return observed ? OBSERVED : "starter";
    }

    /** Returns once the starter's first round has ended. */
    @Override
    void awaitReady(StreamTarget target) {
        long deadline = System.nanoTime() + FIRST_ROUND_TIMEOUT.toNanos();
        while (rounds.get() == 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The starter ran no round within " + FIRST_ROUND_TIMEOUT + ": "
                        + container().streamStatuses());
            }
            Pause.millis(2);
        }
    }

    @Override
    ThreadCpu threadCpu() {
        return new ThreadCpu("dynamodb-stream-");
    }

    @Override
    Map<String, Object> properties(StreamTarget target) {
        return StarterApplications.properties(target.endpoint(), target.region(), target.tableName(), null,
                target.pollInterval());
    }

    @Override
    Map<String, Object> singletons() {
        DynamoDbStreamObserverFactory roundCounter = stream -> new PollerObserver() {
            @Override
            public void roundCompleted(PollResult result, Duration duration) {
                rounds.incrementAndGet();
            }

            @Override
            public void apiCall(String operation, String outcome, Duration latency) {
                if (started) {
                    firstCallAfterStartMicros.compareAndSet(0, MicroClock.nowMicros() - latency.toNanos() / 1_000);
                }
            }
        };
        Map<String, Object> singletons = new LinkedHashMap<>();
        singletons.put("benchmarkRoundCounter", roundCounter);
        if (observed) {
            singletons.put("benchmarkObservationRegistry", timedRegistry());
        }
        return singletons;
    }

    /** Records every observation in a timer of a {@link SimpleMeterRegistry}. */
    private static ObservationRegistry timedRegistry() {
        ObservationRegistry registry = ObservationRegistry.create();
        registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(new SimpleMeterRegistry()));
        return registry;
    }

    private DynamoDbStreamListenerContainer container() {
        return bean(DynamoDbStreamListenerContainer.class);
    }

    @Override
    public void startPolling() {
        started = true;
        if (startsContainerOnPolling()) {
            container().start();
        }
    }

    /**
     * When the container is started by {@link #startPolling()}, its first round begins on the next tick of its
     * schedule, up to one poll interval later: the benchmark times the starter from that round's first call.
     */
    @Override
    public Optional<Long> firstCallAfterStartMicros() {
        return firstCallAfterStart(firstCallAfterStartMicros.get());
    }

    @Override
    public Optional<CpuUse> cpuUse() {
        return cpuUse(rounds.get());
    }
}
