package io.github.dynamodbstream.kcl;

import io.github.dynamodbstream.core.failure.DeadLetterStore;
import io.github.dynamodbstream.spring.DynamoDbStreamAutoConfiguration;
import io.github.dynamodbstream.spring.DynamoDbStreamProperties;
import io.github.dynamodbstream.spring.StreamDefinitions;
import io.github.dynamodbstream.spring.connection.DynamoDbStreamConnectionDetails;
import io.github.dynamodbstream.spring.container.DynamoDbStreamObserverFactory;
import io.github.dynamodbstream.spring.event.EventPublishingStreamListeners;
import io.github.dynamodbstream.spring.listener.DynamoDbStreamListenerCheck;
import io.github.dynamodbstream.spring.poller.DynamoDbStreamPollerAutoConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.kinesis.coordinator.Scheduler;

/**
 * Auto-configuration of competing consumers: when {@code dynamodb.stream.coordination} is {@code kcl}, a
 * {@link KclStreamContainer} runs one Kinesis Client Library scheduler per configured stream instead of the
 * starter's pollers (whose auto-configuration backs off), and publishes the same application events. The starter's
 * health indicator, endpoint and meters report on it as on the pollers.
 */
@AutoConfiguration(after = DynamoDbStreamAutoConfiguration.class, before = DynamoDbStreamPollerAutoConfiguration.class)
@ConditionalOnClass({Scheduler.class, DynamoDbStreamsClient.class})
@ConditionalOnBooleanProperty(name = DynamoDbStreamProperties.PREFIX + ".enabled", matchIfMissing = true)
@ConditionalOnProperty(name = DynamoDbStreamProperties.PREFIX + ".coordination", havingValue = "kcl")
@EnableConfigurationProperties(DynamoDbStreamKclProperties.class)
public final class DynamoDbStreamKclAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    KclStreamContainer dynamoDbStreamKclContainer(StreamDefinitions streams, DynamoDbStreamsClient streamsClient,
            DynamoDbStreamProperties properties, DynamoDbStreamConnectionDetails connection,
            DynamoDbStreamKclProperties kclProperties, EventPublishingStreamListeners listeners,
            DynamoDbStreamListenerCheck listenerCheck, ObjectProvider<DynamoDbStreamObserverFactory> observers,
            ObjectProvider<DeadLetterStore> deadLetters) {
        kclProperties.validate();
        return new KclStreamContainer(streams, streamsClient, properties, connection, kclProperties, listeners,
                listenerCheck, () -> observers.orderedStream().toList(), deadLetters::getObject);
    }
}
