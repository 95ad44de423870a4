package io.github.dynamodbstream.spring.connection;

import io.awspring.cloud.autoconfigure.AwsAsyncClientCustomizer;
import io.awspring.cloud.autoconfigure.AwsSyncClientCustomizer;
import io.awspring.cloud.autoconfigure.core.AwsClientBuilderConfigurer;
import io.awspring.cloud.autoconfigure.core.AwsConnectionDetails;
import io.awspring.cloud.autoconfigure.core.AwsProperties;
import io.awspring.cloud.autoconfigure.dynamodb.DynamoDbClientCustomizer;
import io.awspring.cloud.autoconfigure.dynamodb.DynamoDbProperties;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.springframework.util.function.SingletonSupplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsAsyncClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * Spring Cloud AWS's settings for DynamoDB clients: the endpoint of its {@code AwsConnectionDetails}, else of
 * {@code spring.cloud.aws.dynamodb.endpoint}, else of {@code spring.cloud.aws.endpoint}; the region its
 * {@link AwsClientBuilderConfigurer} resolves; its {@code AwsCredentialsProvider}; and its client configuration and
 * {@code AwsSyncClientCustomizer}, {@code AwsAsyncClientCustomizer} and (for the DynamoDB client)
 * {@code DynamoDbClientCustomizer} beans.
 */
final class SpringCloudAwsClientSettings implements SharedAwsClientSettings {

    private final AwsClientBuilderConfigurer configurer;
    private final DynamoDbProperties dynamoDbProperties;
    private final AwsConnectionDetails awsConnection;
    private final Customizers customizers;
    private final DynamoDbStreamConnectionDetails connection;

    /**
     * @param dynamoDbProperties the {@code spring.cloud.aws.dynamodb.*} properties, {@code null} when Spring Cloud
     *     AWS's DynamoDB support is off
     * @param awsConnection Spring Cloud AWS's connection details, {@code null} when there are none
     */
    SpringCloudAwsClientSettings(AwsClientBuilderConfigurer configurer, AwsProperties awsProperties,
            AwsCredentialsProvider credentials, DynamoDbProperties dynamoDbProperties,
            AwsConnectionDetails awsConnection, Customizers customizers) {
        this.configurer = configurer;
        this.dynamoDbProperties = dynamoDbProperties;
        this.awsConnection = awsConnection;
        this.customizers = customizers;
        URI endpoint = Stream.of(awsConnection == null ? null : awsConnection.getEndpoint(),
                dynamoDbProperties == null ? null : dynamoDbProperties.getEndpoint(), awsProperties.getEndpoint())
                .filter(Objects::nonNull).findFirst().orElse(null);
        this.connection = new SharedConnection(endpoint,
                SingletonSupplier.of(() -> Optional.ofNullable(resolveRegion())), credentials);
    }

    /** The region Spring Cloud AWS gives its DynamoDB client, or {@code null} when its providers find none. */
    private String resolveRegion() {
        try {
            return configurer.resolveRegion(dynamoDbProperties, awsConnection).id();
        } catch (SdkClientException e) {
            return null;
        }
    }

    @Override
    public DynamoDbStreamConnectionDetails connection() {
        return connection;
    }

    @Override
    public <B extends AwsClientBuilder<B, ?>> void configure(B builder, DynamoDbStreamConnectionDetails connection) {
        configurer.configure(builder, dynamoDbProperties, new AwsConnectionDetails() {
            @Override
            public URI getEndpoint() {
                return connection.getEndpoint();
            }

            @Override
            public String getRegion() {
                return connection.getRegion();
            }
        });
        connection.applyTo(builder);
        if (builder instanceof AwsSyncClientBuilder<?, ?> sync) {
            customizers.sync().get().forEach(customizer -> customizer.customize(sync));
        }
        if (builder instanceof AwsAsyncClientBuilder<?, ?> async) {
            customizers.async().get().forEach(customizer -> customizer.customize(async));
        }
        if (builder instanceof DynamoDbClientBuilder dynamoDb) {
            customizers.dynamoDb().get().forEach(customizer -> customizer.customize(dynamoDb));
        }
    }

    /** Spring Cloud AWS's customizer beans, looked up when a client is built. */
    record Customizers(Supplier<List<AwsSyncClientCustomizer>> sync, Supplier<List<AwsAsyncClientCustomizer>> async,
            Supplier<List<DynamoDbClientCustomizer>> dynamoDb) {
    }

    private static final class SharedConnection implements DynamoDbStreamConnectionDetails {

        private final URI endpoint;
        private final Supplier<Optional<String>> region;
        private final AwsCredentialsProvider credentials;

        private SharedConnection(URI endpoint, Supplier<Optional<String>> region, AwsCredentialsProvider credentials) {
            this.endpoint = endpoint;
            this.region = region;
            this.credentials = credentials;
        }

        @Override
        public URI getEndpoint() {
            return endpoint;
        }

        /** Resolved once: the providers behind it may ask the instance metadata service. */
        @Override
        public String getRegion() {
            return region.get().orElse(null);
        }

        @Override
        public AwsCredentialsProvider getCredentialsProvider() {
            return credentials;
        }
    }
}
