package io.github.dynamodbstream.spring.connection;

import io.awspring.cloud.autoconfigure.AwsAsyncClientCustomizer;
import io.awspring.cloud.autoconfigure.AwsSyncClientCustomizer;
import io.awspring.cloud.autoconfigure.core.AwsClientBuilderConfigurer;
import io.awspring.cloud.autoconfigure.core.AwsConnectionDetails;
import io.awspring.cloud.autoconfigure.core.AwsProperties;
import io.awspring.cloud.autoconfigure.dynamodb.DynamoDbClientCustomizer;
import io.awspring.cloud.autoconfigure.dynamodb.DynamoDbProperties;
import io.github.dynamodbstream.spring.DynamoDbStreamProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Auto-configuration of the starter's clients with Spring Cloud AWS on the class path: its settings become the
 * {@link SharedAwsClientSettings} under the {@code dynamodb.stream.*} connection keys. The context keeps one
 * {@code DynamoDbClient}: Spring Cloud AWS's, unless a {@code dynamodb.stream} connection key is set or the
 * application has a {@link DynamoDbStreamConnectionDetails} bean; then the starter builds it here (with Spring
 * Cloud AWS's settings and {@code DynamoDbClientCustomizer}s, under the starter's connection, which wins) and
 * Spring Cloud AWS's DynamoDB support uses it.
 */
@AutoConfiguration(afterName = {"io.awspring.cloud.autoconfigure.core.AwsAutoConfiguration",
    "io.awspring.cloud.autoconfigure.core.CredentialsProviderAutoConfiguration",
    "io.awspring.cloud.autoconfigure.core.RegionProviderAutoConfiguration"},
        beforeName = "io.awspring.cloud.autoconfigure.dynamodb.DynamoDbAutoConfiguration")
@ConditionalOnClass(name = {"io.awspring.cloud.autoconfigure.core.AwsClientBuilderConfigurer",
    "software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient"})
@ConditionalOnBean(AwsClientBuilderConfigurer.class)
@ConditionalOnBooleanProperty(name = DynamoDbStreamProperties.PREFIX + ".enabled", matchIfMissing = true)
public final class SpringCloudAwsConnectionAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(SharedAwsClientSettings.class)
    SpringCloudAwsClientSettings dynamoDbStreamSharedAwsClientSettings(AwsClientBuilderConfigurer configurer,
            AwsProperties awsProperties, AwsCredentialsProvider credentials,
            ObjectProvider<DynamoDbProperties> dynamoDbProperties, ObjectProvider<AwsConnectionDetails> awsConnection,
            ObjectProvider<AwsSyncClientCustomizer> syncCustomizers,
            ObjectProvider<AwsAsyncClientCustomizer> asyncCustomizers,
            ObjectProvider<DynamoDbClientCustomizer> dynamoDbCustomizers) {
        return new SpringCloudAwsClientSettings(configurer, awsProperties, credentials,
                dynamoDbProperties.getIfAvailable(), awsConnection.getIfAvailable(),
                new SpringCloudAwsClientSettings.Customizers(() -> syncCustomizers.orderedStream().toList(),
                        () -> asyncCustomizers.orderedStream().toList(),
                        () -> dynamoDbCustomizers.orderedStream().toList()));
    }

    /** The context's DynamoDB client, when the starter's connection is its own. */
    @Configuration(proxyBeanMethods = false)
    @Conditional(OwnConnectionCondition.class)
    static class OwnConnectionDynamoDbClientConfiguration {

        @Bean
        @ConditionalOnMissingBean
        DynamoDbClient dynamoDbClient(DynamoDbStreamConnectionDetails connection,
                SharedAwsClientSettings sharedSettings,
                ObjectProvider<io.github.dynamodbstream.spring.DynamoDbClientCustomizer> customizers) {
            return DynamoDbStreamClients.dynamoDb(connection, sharedSettings, customizers.orderedStream().toList());
        }
    }

    /** A {@code dynamodb.stream} connection key is set, or the application has its own connection details. */
    static class OwnConnectionCondition extends AnyNestedCondition {

        OwnConnectionCondition() {
            super(ConfigurationPhase.REGISTER_BEAN);
        }

        @ConditionalOnProperty(DynamoDbStreamProperties.PREFIX + ".endpoint")
        static class Endpoint {
        }

        @ConditionalOnProperty(DynamoDbStreamProperties.PREFIX + ".region")
        static class Region {
        }

        @ConditionalOnProperty(DynamoDbStreamProperties.PREFIX + ".credentials.access-key-id")
        static class Credentials {
        }

        @ConditionalOnBean(DynamoDbStreamConnectionDetails.class)
        static class ConnectionDetailsBean {
        }
    }
}
