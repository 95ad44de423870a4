package io.github.dynamodbstream.spring;

import io.github.dynamodbstream.spring.connection.DynamoDbStreamClients;
import io.github.dynamodbstream.spring.connection.DynamoDbStreamConnectionDetails;
import io.github.dynamodbstream.spring.connection.PropertiesDynamoDbStreamConnectionDetails;
import io.github.dynamodbstream.spring.connection.SharedAwsClientSettings;
import io.github.dynamodbstream.spring.connection.SpringCloudAwsConnectionAutoConfiguration;
import io.github.dynamodbstream.spring.event.EventPublishingStreamListeners;
import io.github.dynamodbstream.spring.listener.DynamoDbStreamListenerCheck;
import io.github.dynamodbstream.spring.mapping.ItemConverterFactory;
import io.github.dynamodbstream.spring.observation.DeliveryObservations;
import io.github.dynamodbstream.spring.observation.DynamoDbStreamDeliveryConvention;
import io.github.dynamodbstream.spring.poller.DynamoDbStreamFeed;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Auto-configuration of DynamoDB stream consumers: the AWS clients (connected by the
 * {@link DynamoDbStreamConnectionDetails} bean, from the properties unless a service connection gives one, on top of
 * Spring Cloud AWS's settings when it is on the class path, whose {@code DynamoDbClient} is then the one), item
 * mapping, the resolved {@link StreamDefinitions}, the {@link DynamoDbStreamListenerCheck} the containers of both
 * coordination modes run at start, and the {@link EventPublishingStreamListeners} that publish each stream's events
 * (observed when the application has an {@code ObservationRegistry}). Backs off when the AWS SDK's DynamoDB client
 * is not on the class path, and when {@code dynamodb.stream.enabled} is {@code false}.
 */
@AutoConfiguration(after = SpringCloudAwsConnectionAutoConfiguration.class,
        afterName = "io.awspring.cloud.autoconfigure.dynamodb.DynamoDbAutoConfiguration")
@ConditionalOnClass(DynamoDbStreamsClient.class)
@ConditionalOnBooleanProperty(name = DynamoDbStreamProperties.PREFIX + ".enabled", matchIfMissing = true)
@EnableConfigurationProperties(DynamoDbStreamProperties.class)
public final class DynamoDbStreamAutoConfiguration {

    private final DynamoDbStreamProperties properties;

    DynamoDbStreamAutoConfiguration(DynamoDbStreamProperties properties) {
        this.properties = properties;
    }

    @Bean
    @ConditionalOnMissingBean(DynamoDbStreamConnectionDetails.class)
    PropertiesDynamoDbStreamConnectionDetails dynamoDbStreamConnectionDetails(
            ObjectProvider<SharedAwsClientSettings> sharedSettings) {
        SharedAwsClientSettings shared = sharedSettings.getIfAvailable();
        return new PropertiesDynamoDbStreamConnectionDetails(properties, shared == null ? null : shared.connection());
    }

    @Bean
    @ConditionalOnMissingBean
    DynamoDbStreamsClient dynamoDbStreamsClient(DynamoDbStreamConnectionDetails connection,
            ObjectProvider<SharedAwsClientSettings> sharedSettings,
            ObjectProvider<DynamoDbStreamsClientCustomizer> customizers) {
        return DynamoDbStreamClients.dynamoDbStreams(connection, sharedSettings.getIfAvailable(),
                customizers.orderedStream().toList());
    }

    /**
     * The DynamoDB client, unless the context has one: with Spring Cloud AWS, its client, or the one its
     * auto-configuration of the starter's clients builds when a {@code dynamodb.stream} connection key is set.
     */
    @Bean
    @ConditionalOnMissingBean
    DynamoDbClient dynamoDbClient(DynamoDbStreamConnectionDetails connection,
            ObjectProvider<SharedAwsClientSettings> sharedSettings,
            ObjectProvider<DynamoDbClientCustomizer> customizers) {
        return DynamoDbStreamClients.dynamoDb(connection, sharedSettings.getIfAvailable(),
                customizers.orderedStream().toList());
    }

    @Bean
    @ConditionalOnMissingBean
    ItemConverterFactory dynamoDbStreamItemConverterFactory(BeanFactory beanFactory, ResourceLoader resourceLoader) {
        return new ItemConverterFactory(beanFactory, resourceLoader.getClassLoader());
    }

    @Bean
    @ConditionalOnMissingBean
    StreamDefinitions dynamoDbStreamDefinitions(Environment environment, DynamoDbStreamsClient streamsClient,
            ObjectProvider<DynamoDbClient> dynamoDbClient, ItemConverterFactory itemConverters,
            ResourceLoader resourceLoader) {
        return new StreamDefinitionResolver(ConfiguredStream.all(environment),
                environment.getProperty("spring.application.name"),
                streamsClient.serviceClientConfiguration().region(), dynamoDbClient::getObject, itemConverters,
                resourceLoader.getClassLoader()).resolve();
    }

    @Bean
    @ConditionalOnMissingBean
    DynamoDbStreamListenerCheck dynamoDbStreamListenerCheck(ApplicationContext context, StreamDefinitions streams,
            ObjectProvider<DynamoDbStreamFeed> feeds) {
        return new DynamoDbStreamListenerCheck(context, streams,
                stream -> feeds.orderedStream().anyMatch(feed -> feed.listenerFor(stream) != null),
                properties.isAllowAsynchronousListeners());
    }

    @Bean
    @ConditionalOnMissingBean
    EventPublishingStreamListeners dynamoDbStreamEventPublishingListeners(ApplicationEventPublisher publisher,
            DynamoDbStreamListenerCheck listenerCheck, ObjectProvider<ObservationRegistry> observationRegistry,
            ObjectProvider<DynamoDbStreamDeliveryConvention> convention) {
        ObservationRegistry registry = observationRegistry.getIfUnique();
        DeliveryObservations observations = registry == null || !properties.getObservations().isEnabled()
                ? DeliveryObservations.NONE : new DeliveryObservations(registry, convention.getIfUnique());
        return new EventPublishingStreamListeners(publisher, listenerCheck::unheardChanges, observations);
    }
}
