package io.github.dynamodbstream.benchmarks.contender;

import io.github.dynamodbstream.benchmarks.starter.StarterApplications;
import io.github.dynamodbstream.benchmarks.support.Deliveries;
import io.github.dynamodbstream.core.StartingPosition;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A contender that is a Spring application of the starter. {@link #prepare} runs it reading from {@code LATEST};
 * {@link #prepareWithoutPolling} runs it with its container waiting unstarted ({@code auto-startup=false}), to read
 * from {@code TRIM_HORIZON} once {@link #startPolling()} starts it.
 */
abstract class StarterApplicationContender implements Contender {

    private ConfigurableApplicationContext context;
    private ThreadCpu cpu;
    private long cpuAtStart;
    private boolean startContainerOnPolling;

    @Override
    public final void prepare(StreamTarget target, Deliveries deliveries) {
        start(target, deliveries, StartingPosition.LATEST, true);
        awaitReady(target);
    }

    @Override
    public final void prepareWithoutPolling(StreamTarget target, Deliveries deliveries) {
        start(target, deliveries, StartingPosition.TRIM_HORIZON, false);
        startContainerOnPolling = true;
    }

    /** Runs the application; CPU is counted from here. */
    void start(StreamTarget target, Deliveries deliveries, StartingPosition position, boolean autoStartup) {
        cpu = threadCpu();
        cpuAtStart = cpu.totalNanos();
        Map<String, Object> properties = properties(target);
        properties.put("dynamodb.stream.starting-position", position.name());
        properties.put("dynamodb.stream.auto-startup", Boolean.toString(autoStartup));
        context = StarterApplications.run(properties, deliveries, singletons());
    }

    /** The threads of the application whose CPU time is the contender's. */
    abstract ThreadCpu threadCpu();

    /** The application's properties for the target; the starting position and auto-startup are added to them. */
    abstract Map<String, Object> properties(StreamTarget target);

    /** The beans the application is given by name. */
    abstract Map<String, Object> singletons();

    /** Returns once the application, run by {@link #prepare}, is ready to be measured. */
    abstract void awaitReady(StreamTarget target);

    final <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** Whether the container waits for {@link #startPolling()}, as it does after {@link #prepareWithoutPolling}. */
    final boolean startsContainerOnPolling() {
        return startContainerOnPolling;
    }

    /** The time of the first call after the container was started by {@link #startPolling()}, once there is one. */
    final Optional<Long> firstCallAfterStart(long micros) {
        return startContainerOnPolling && micros != 0 ? Optional.of(micros) : Optional.empty();
    }

    /** The CPU time the application's threads spent since it was run, over the rounds it made. */
    final Optional<CpuUse> cpuUse(long rounds) {
        return Optional.of(new CpuUse(cpu.totalNanos() - cpuAtStart, rounds));
    }

    @Override
    public void close() {
        if (context != null) {
            context.close();
        }
    }
}
