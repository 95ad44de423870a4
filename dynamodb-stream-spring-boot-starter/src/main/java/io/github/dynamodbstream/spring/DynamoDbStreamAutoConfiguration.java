package io.github.dynamodbstream.spring;

import io.github.dynamodbstream.spring.connection.DynamoDbStreamConnectionDetails;
import io.github.dynamodbstream.spring.connection.PropertiesDynamoDbStreamConnectionDetails;
import io.github.dynamodbstream.spring.diagnostics.DynamoDbStreamConfigurationException;
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
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClientBuilder;

/**
 * Auto-configuration of DynamoDB stream consumers: the AWS clients (connected by the
 * {@link DynamoDbStreamConnectionDetails} bean, from the properties unless a service connection gives one), item
 * mapping, the resolved
 * {@link StreamDefinitions}, the {@link DynamoDbStreamListenerCheck} the containers of both coordination modes
 * run at start, and the {@link EventPublishingStreamListeners} that publish each stream's events (observed when
 * the application has an {@code ObservationRegistry}). Backs off when the AWS SDK's DynamoDB client is not on the class path, and when
 * {@code dynamodb.stream.enabled} is {@code false}.
 */
@AutoConfiguration
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
    PropertiesDynamoDbStreamConnectionDetails dynamoDbStreamConnectionDetails() {
        return new PropertiesDynamoDbStreamConnectionDetails(properties);
    }

    @Bean
    @ConditionalOnMissingBean
    DynamoDbStreamsClient dynamoDbStreamsClient(DynamoDbStreamConnectionDetails connection,
            ObjectProvider<DynamoDbStreamsClientCustomizer> customizers) {
        // The poller retries throttled and failed stream calls itself, with backoff it can see and count; the SDK's
        // own retries would multiply those attempts and hide throttling from the metrics. A customizer may turn
        // them back on.
        DynamoDbStreamsClientBuilder builder = DynamoDbStreamsClient.builder()
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()));
        connect(builder, connection);
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        return build(builder, "DynamoDB Streams");
    }

    @Bean
    @ConditionalOnMissingBean
    DynamoDbClient dynamoDbClient(DynamoDbStreamConnectionDetails connection,
            ObjectProvider<DynamoDbClientCustomizer> customizers) {
        DynamoDbClientBuilder builder = DynamoDbClient.builder();
        connect(builder, connection);
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        return build(builder, "DynamoDB");
    }

    /** Builds a client; the SDK's failure to find a region becomes a failure that names the property to set. */
    private static <C> C build(AwsClientBuilder<?, C> builder, String service) {
        try {
            return builder.build();
        } catch (SdkClientException e) {
            throw new DynamoDbStreamConfigurationException("The " + service + " client has no AWS region: "
                    + "dynamodb.stream.region is not set, and the SDK found none in its default places ("
                    + e.getMessage() + ").", "Set dynamodb.stream.region (for example us-east-1), or the "
                    + "AWS_REGION environment variable, or a region in the profile of ~/.aws/config.", e);
        }
    }

    private static void connect(AwsClientBuilder<?, ?> builder, DynamoDbStreamConnectionDetails connection) {
        if (connection.getRegion() != null) {
            builder.region(Region.of(connection.getRegion()));
        }
        if (connection.getEndpoint() != null) {
            builder.endpointOverride(connection.getEndpoint());
        }
        if (connection.getCredentialsProvider() != null) {
            builder.credentialsProvider(connection.getCredentialsProvider());
        }
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
