package io.github.dynamodbstream.spring.poller;

import io.github.dynamodbstream.core.checkpoint.ShardStateRepository;
import io.github.dynamodbstream.core.failure.DeadLetterStore;
import io.github.dynamodbstream.spring.DynamoDbStreamAutoConfiguration;
import io.github.dynamodbstream.spring.DynamoDbStreamProperties;
import io.github.dynamodbstream.spring.StreamDefinitions;
import io.github.dynamodbstream.spring.checkpoint.DynamoDbStreamCheckpointAutoConfiguration;
import io.github.dynamodbstream.spring.container.DynamoDbStreamObserverFactory;
import io.github.dynamodbstream.spring.event.EventPublishingStreamListeners;
import io.github.dynamodbstream.spring.listener.DynamoDbStreamListenerCheck;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.thread.Threading;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.config.TaskManagementConfigUtils;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Auto-configuration of the pollers: a {@link DynamoDbStreamPollerFactory}, the
 * {@link DynamoDbStreamListenerContainer} that runs one poller per stream, and the fixed-delay tasks that request
 * their rounds. Spring's scheduling is enabled ({@code @EnableScheduling}) only when the application has not
 * enabled it itself; the application's scheduler then runs the ticks, and the container's own threads the rounds.
 * Backs off when {@code dynamodb.stream.coordination} is {@code kcl}: the Kinesis Client Library reads the streams.
 */
@AutoConfiguration(after = {DynamoDbStreamAutoConfiguration.class, DynamoDbStreamCheckpointAutoConfiguration.class},
        before = TaskSchedulingAutoConfiguration.class)
@ConditionalOnClass(DynamoDbStreamsClient.class)
@ConditionalOnBooleanProperty(name = DynamoDbStreamProperties.PREFIX + ".enabled", matchIfMissing = true)
@ConditionalOnProperty(name = DynamoDbStreamProperties.PREFIX + ".coordination", havingValue = "none",
        matchIfMissing = true)
public final class DynamoDbStreamPollerAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    DynamoDbStreamPollerFactory dynamoDbStreamPollerFactory(DynamoDbStreamsClient streamsClient,
            ShardStateRepository shardStateRepository, EventPublishingStreamListeners listeners,
            DynamoDbStreamProperties properties, ObjectProvider<DynamoDbStreamPollerCustomizer> customizers,
            ObjectProvider<DynamoDbStreamFeed> feeds, ObjectProvider<DeadLetterStore> deadLetters) {
        return new DefaultDynamoDbStreamPollerFactory(streamsClient, shardStateRepository, listeners,
                properties.getShutdownTimeout(), customizers.orderedStream().toList(), feeds.orderedStream().toList(),
                deadLetters::getObject);
    }

    @Bean
    @ConditionalOnMissingBean
    DynamoDbStreamListenerContainer dynamoDbStreamListenerContainer(StreamDefinitions streams,
            DynamoDbStreamPollerFactory pollerFactory, ObjectProvider<DynamoDbStreamObserverFactory> observerFactories,
            DynamoDbStreamProperties properties, DynamoDbStreamListenerCheck listenerCheck, Environment environment) {
        DynamoDbStreamListenerContainer container = new DynamoDbStreamListenerContainer(streams, pollerFactory,
                observerFactories, listenerCheck, properties.getShutdownTimeout(), properties.isAutoStartup());
        container.setVirtualThreads(Threading.VIRTUAL.isActive(environment));
        return container;
    }

    @Bean
    @ConditionalOnMissingBean
    DynamoDbStreamSchedulingConfigurer dynamoDbStreamSchedulingConfigurer(DynamoDbStreamListenerContainer container) {
        return new DynamoDbStreamSchedulingConfigurer(container);
    }

    /** Enables Spring's scheduling for the rounds' ticks, unless the application enabled it already. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingBean(name = TaskManagementConfigUtils.SCHEDULED_ANNOTATION_PROCESSOR_BEAN_NAME)
    @EnableScheduling
    static class EnableSchedulingConfiguration {
    }
}
