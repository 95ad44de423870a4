package io.github.dynamodbstream.spring.connection;

import io.github.dynamodbstream.spring.DynamoDbClientCustomizer;
import io.github.dynamodbstream.spring.DynamoDbStreamsClientCustomizer;
import io.github.dynamodbstream.spring.diagnostics.DynamoDbStreamConfigurationException;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClientBuilder;

/**
 * Builds the starter's DynamoDB and DynamoDB Streams clients: the shared settings first (Spring Cloud AWS's, when
 * there are any), then the {@link DynamoDbStreamConnectionDetails}, then the application's customizers.
 */
public final class DynamoDbStreamClients {

    private DynamoDbStreamClients() {
    }

    /**
     * The DynamoDB Streams client. The poller retries throttled and failed stream calls itself, with backoff it can
     * see and count; the SDK's own retries would multiply those attempts and hide throttling from the metrics, so
     * they are off unless a customizer turns them back on.
     *
     * @param shared the shared settings, or {@code null} for none
     * @throws DynamoDbStreamConfigurationException when no AWS region is found
     */
    public static DynamoDbStreamsClient dynamoDbStreams(DynamoDbStreamConnectionDetails connection,
            SharedAwsClientSettings shared, List<DynamoDbStreamsClientCustomizer> customizers) {
        return build("DynamoDB Streams", () -> {
            DynamoDbStreamsClientBuilder builder = connect(DynamoDbStreamsClient.builder(), connection, shared);
            builder.overrideConfiguration(builder.overrideConfiguration().toBuilder()
                    .retryStrategy(AwsRetryStrategy.doNotRetry()).build());
            customizers.forEach(customizer -> customizer.customize(builder));
            return builder.build();
        });
    }

    /**
     * The DynamoDB client.
     *
     * @param shared the shared settings, or {@code null} for none
     * @throws DynamoDbStreamConfigurationException when no AWS region is found
     */
    public static DynamoDbClient dynamoDb(DynamoDbStreamConnectionDetails connection, SharedAwsClientSettings shared,
            List<DynamoDbClientCustomizer> customizers) {
        return build("DynamoDB", () -> {
            DynamoDbClientBuilder builder = connect(DynamoDbClient.builder(), connection, shared);
            customizers.forEach(customizer -> customizer.customize(builder));
            return builder.build();
        });
    }

    private static <B extends AwsClientBuilder<B, ?>> B connect(B builder,
            DynamoDbStreamConnectionDetails connection, SharedAwsClientSettings shared) {
        if (shared != null) {
            shared.configure(builder, connection);
        } else {
            connection.applyTo(builder);
        }
        return builder;
    }

    /** Builds a client; the SDK's failure to find a region becomes a failure that names the property to set. */
    private static <C> C build(String service, Supplier<C> client) {
        try {
            return client.get();
        } catch (SdkClientException e) {
            throw new DynamoDbStreamConfigurationException("The " + service + " client has no AWS region: "
                    + "dynamodb.stream.region is not set, and the SDK found none in its default places ("
                    + e.getMessage() + ").", "Set dynamodb.stream.region (for example us-east-1), or the "
                    + "AWS_REGION environment variable, or a region in the profile of ~/.aws/config (with Spring "
                    + "Cloud AWS, spring.cloud.aws.region.static serves too).", e);
        }
    }
}
