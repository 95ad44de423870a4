package io.github.dynamodbstream.spring.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dynamodbstream.spring.DynamoDbStreamAutoConfiguration;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.endpoints.DynamoDbEndpointParams;
import software.amazon.awssdk.services.dynamodb.endpoints.DynamoDbEndpointProvider;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.dynamodb.streams.endpoints.DynamoDbStreamsEndpointParams;
import software.amazon.awssdk.services.dynamodb.streams.endpoints.DynamoDbStreamsEndpointProvider;

/**
 * The clients of the starter call the SDK's HTTPS endpoints of the region, unless {@code dynamodb.stream.endpoint}
 * says otherwise: plain HTTP only when configured explicitly.
 */
class DefaultEndpointsTests {

    private static final String STREAM_ARN =
            "arn:aws:dynamodb:eu-west-1:123456789012:table/orders/stream/2024-05-01T12:00:00.000";

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DynamoDbStreamAutoConfiguration.class))
            .withPropertyValues("dynamodb.stream.region=eu-west-1", "dynamodb.stream.stream-arn=" + STREAM_ARN);

    @Test
    void withoutAnEndpointTheClientsResolveTheRegionsHttpsEndpoints() {
        contextRunner.run(context -> {
            DynamoDbStreamsClient streams = context.getBean(DynamoDbStreamsClient.class);
            DynamoDbClient dynamoDb = context.getBean(DynamoDbClient.class);
            assertThat(streams.serviceClientConfiguration().endpointOverride()).isEmpty();
            assertThat(dynamoDb.serviceClientConfiguration().endpointOverride()).isEmpty();

            URI streamsEndpoint = ((DynamoDbStreamsEndpointProvider) streams.serviceClientConfiguration()
                    .endpointProvider().orElseThrow())
                    .resolveEndpoint(DynamoDbStreamsEndpointParams.builder().region(Region.EU_WEST_1).build())
                    .join().url();
            URI dynamoDbEndpoint = ((DynamoDbEndpointProvider) dynamoDb.serviceClientConfiguration()
                    .endpointProvider().orElseThrow())
                    .resolveEndpoint(DynamoDbEndpointParams.builder().region(Region.EU_WEST_1).build())
                    .join().url();
            assertThat(streamsEndpoint.getScheme()).isEqualTo("https");
            assertThat(streamsEndpoint.getHost()).isEqualTo("streams.dynamodb.eu-west-1.amazonaws.com");
            assertThat(dynamoDbEndpoint.getScheme()).isEqualTo("https");
            assertThat(dynamoDbEndpoint.getHost()).isEqualTo("dynamodb.eu-west-1.amazonaws.com");
        });
    }

    @Test
    void plainHttpIsUsedOnlyWhenTheEndpointIsConfigured() {
        contextRunner.withPropertyValues("dynamodb.stream.endpoint=http://localhost:8000").run(context -> {
            assertThat(context.getBean(DynamoDbStreamsClient.class).serviceClientConfiguration().endpointOverride())
                    .contains(URI.create("http://localhost:8000"));
            assertThat(context.getBean(DynamoDbClient.class).serviceClientConfiguration().endpointOverride())
                    .contains(URI.create("http://localhost:8000"));
        });
    }
}
