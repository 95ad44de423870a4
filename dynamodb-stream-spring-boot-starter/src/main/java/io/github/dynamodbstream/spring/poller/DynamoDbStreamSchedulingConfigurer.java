package io.github.dynamodbstream.spring.poller;

import io.github.dynamodbstream.spring.StreamDefinition;
import java.util.Objects;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Registers one fixed-delay task per stream with Spring's scheduling, every {@code poll-interval} of that stream
 * (an {@code @Scheduled} method cannot: its delay is one value per method, and the streams have one each). A tick
 * only asks the {@link DynamoDbStreamListenerContainer} for a round, which runs on the container's own threads, so
 * the application's {@code TaskScheduler} and its own {@code @Scheduled} tasks keep their cadence.
 */
public final class DynamoDbStreamSchedulingConfigurer implements SchedulingConfigurer {

    private final DynamoDbStreamListenerContainer container;

    /** @param container the container whose rounds the ticks request */
    public DynamoDbStreamSchedulingConfigurer(DynamoDbStreamListenerContainer container) {
        this.container = Objects.requireNonNull(container, "container");
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        for (StreamDefinition stream : container.streams()) {
            String name = stream.name();
            registrar.addFixedDelayTask(new RoundRequest(container, name), stream.pollInterval());
        }
    }

    /** A tick of one stream; named, so that the scheduled-tasks endpoint tells the streams apart. */
    private record RoundRequest(DynamoDbStreamListenerContainer container, String streamName) implements Runnable {

        @Override
        public void run() {
            container.requestRound(streamName);
        }

        @Override
        public String toString() {
            return "DynamoDB stream '" + streamName + "' round request";
        }
    }
}
