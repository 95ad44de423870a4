package io.github.dynamodbstream.spring.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dynamodbstream.spring.DynamoDbStreamAutoConfiguration;
import io.github.dynamodbstream.spring.DynamoDbStreamProperties;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.AwsServiceClientConfiguration;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** Where the clients connect: the properties, unless a {@link DynamoDbStreamConnectionDetails} bean says. */
class DynamoDbStreamConnectionDetailsTests {

    private static final String ARN = "arn:aws:dynamodb:%s:123456789012:table/orders/stream/2026-01-01T00:00:00.000";

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DynamoDbStreamAutoConfiguration.class))
            .withPropertyValues("dynamodb.stream.region=us-east-1", "dynamodb.stream.endpoint=http://localhost:4566",
                    "dynamodb.stream.credentials.access-key-id=from-properties",
                    "dynamodb.stream.credentials.secret-access-key=secret");

    record OwnConnection(URI getEndpoint, String getRegion, AwsCredentialsProvider getCredentialsProvider)
            implements DynamoDbStreamConnectionDetails {
    }

    @Test
    void withoutAConnectionDetailsBeanTheClientsConnectWhereThePropertiesSay() {
        contextRunner.withPropertyValues("dynamodb.stream.stream-arn=" + ARN.formatted("us-east-1")).run(context -> {
            assertThat(context).hasSingleBean(PropertiesDynamoDbStreamConnectionDetails.class);
            DynamoDbStreamConnectionDetails connection = context.getBean(DynamoDbStreamConnectionDetails.class);
            assertThat(connection.getCredentialsProvider().resolveCredentials().accessKeyId())
                    .isEqualTo("from-properties");
            for (AwsServiceClientConfiguration client : List.of(
                    context.getBean(DynamoDbStreamsClient.class).serviceClientConfiguration(),
                    context.getBean(DynamoDbClient.class).serviceClientConfiguration())) {
                assertThat(client.region()).isEqualTo(Region.US_EAST_1);
                assertThat(client.endpointOverride()).contains(URI.create("http://localhost:4566"));
            }
        });
    }

    @Test
    void aConnectionDetailsBeanWinsOverTheProperties() {
        OwnConnection own = new OwnConnection(URI.create("http://localstack:4566"), "eu-west-1",
                StaticCredentialsProvider.create(AwsBasicCredentials.create("from-the-bean", "secret")));
        contextRunner.withBean(DynamoDbStreamConnectionDetails.class, () -> own)
                .withPropertyValues("dynamodb.stream.stream-arn=" + ARN.formatted("eu-west-1")).run(context -> {
                    assertThat(context).doesNotHaveBean(PropertiesDynamoDbStreamConnectionDetails.class);
                    DynamoDbStreamsClient streams = context.getBean(DynamoDbStreamsClient.class);
                    assertThat(streams.serviceClientConfiguration().region()).isEqualTo(Region.EU_WEST_1);
                    assertThat(streams.serviceClientConfiguration().endpointOverride())
                            .contains(URI.create("http://localstack:4566"));
                    assertThat(streams.serviceClientConfiguration().credentialsProvider().resolveIdentity().join()
                            .accessKeyId()).isEqualTo("from-the-bean");
                });
    }

    @Test
    void unsetPropertiesLeaveEachValueToTheSdksDefaultChains() {
        DynamoDbStreamProperties properties = new DynamoDbStreamProperties();
        properties.setRegion(" ");
        DynamoDbStreamConnectionDetails connection = new PropertiesDynamoDbStreamConnectionDetails(properties);
        assertThat(connection.getEndpoint()).isNull();
        assertThat(connection.getRegion()).isNull();
        assertThat(connection.getCredentialsProvider()).isNull();
    }
}
