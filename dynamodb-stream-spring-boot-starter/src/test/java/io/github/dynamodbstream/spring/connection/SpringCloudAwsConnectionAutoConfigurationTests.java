package io.github.dynamodbstream.spring.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.awspring.cloud.autoconfigure.AwsSyncClientCustomizer;
import io.awspring.cloud.autoconfigure.core.AwsAutoConfiguration;
import io.awspring.cloud.autoconfigure.core.CredentialsProviderAutoConfiguration;
import io.awspring.cloud.autoconfigure.core.RegionProviderAutoConfiguration;
import io.awspring.cloud.autoconfigure.dynamodb.DynamoDbAutoConfiguration;
import io.github.dynamodbstream.spring.DynamoDbStreamAutoConfiguration;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.AwsServiceClientConfiguration;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClientBuilder;

/**
 * Where the clients connect with Spring Cloud AWS on the class path: the {@code dynamodb.stream.*} keys, value by
 * value, over Spring Cloud AWS's; and which configuration gives the context's one {@code DynamoDbClient}.
 */
class SpringCloudAwsConnectionAutoConfigurationTests {

    private static final String ARN = "arn:aws:dynamodb:%s:123456789012:table/orders/stream/2026-01-01T00:00:00.000";
    private static final String SPRING_CLOUD_AWS_DYNAMODB = "io.awspring.cloud.autoconfigure.dynamodb.";

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(CredentialsProviderAutoConfiguration.class,
                    RegionProviderAutoConfiguration.class, AwsAutoConfiguration.class, DynamoDbAutoConfiguration.class,
                    SpringCloudAwsConnectionAutoConfiguration.class, DynamoDbStreamAutoConfiguration.class))
            .withPropertyValues("spring.cloud.aws.region.static=eu-west-1",
                    "spring.cloud.aws.endpoint=http://spring-cloud-aws:4566",
                    "spring.cloud.aws.credentials.access-key=from-spring-cloud-aws",
                    "spring.cloud.aws.credentials.secret-key=secret");

    private static String arnIn(String region) {
        return "dynamodb.stream.stream-arn=" + ARN.formatted(region);
    }

    private static List<AwsServiceClientConfiguration> clients(AssertableApplicationContext context) {
        return List.of(context.getBean(DynamoDbStreamsClient.class).serviceClientConfiguration(),
                context.getBean(DynamoDbClient.class).serviceClientConfiguration());
    }

    /** Both clients connect to that region and endpoint ({@code null}: the region's), with that access key id. */
    private static void assertConnected(AssertableApplicationContext context, Region region, String endpoint,
            String accessKeyId) {
        for (AwsServiceClientConfiguration client : clients(context)) {
            assertThat(client.region()).isEqualTo(region);
            assertThat(client.endpointOverride()).isEqualTo(Optional.ofNullable(endpoint).map(URI::create));
            if (accessKeyId != null) {
                assertThat(client.credentialsProvider().resolveIdentity().join().accessKeyId())
                        .isEqualTo(accessKeyId);
            }
        }
    }

    private static String dynamoDbClientSource(AssertableApplicationContext context) {
        return context.getBeanFactory().getBeanDefinition("dynamoDbClient").getFactoryBeanName();
    }

    @Test
    void withoutStarterKeysTheClientsConnectWhereSpringCloudAwsSaysAndItsDynamoDbClientIsTheOne() {
        contextRunner.withPropertyValues(arnIn("eu-west-1")).run(context -> {
            assertThat(context).hasSingleBean(DynamoDbClient.class).hasSingleBean(SharedAwsClientSettings.class);
            assertThat(dynamoDbClientSource(context)).startsWith(SPRING_CLOUD_AWS_DYNAMODB);
            assertConnected(context, Region.EU_WEST_1, "http://spring-cloud-aws:4566", "from-spring-cloud-aws");
        });
    }

    @Test
    void springCloudAwsDynamoDbKeysWinOverItsGlobalOnes() {
        contextRunner.withPropertyValues(arnIn("eu-central-1"), "spring.cloud.aws.dynamodb.region=eu-central-1",
                "spring.cloud.aws.dynamodb.endpoint=http://dynamodb-only:4566").run(context -> {
                    assertConnected(context, Region.EU_CENTRAL_1, "http://dynamodb-only:4566", null);
                });
    }

    @Test
    void starterKeysWinAndItsDynamoDbClientReplacesSpringCloudAwss() {
        contextRunner.withPropertyValues(arnIn("us-east-1"), "dynamodb.stream.region=us-east-1",
                "dynamodb.stream.endpoint=http://starter:4566",
                "dynamodb.stream.credentials.access-key-id=from-the-starter",
                "dynamodb.stream.credentials.secret-access-key=secret").run(context -> {
                    assertThat(context).hasSingleBean(DynamoDbClient.class);
                    assertThat(dynamoDbClientSource(context)).startsWith(getClass().getPackageName() + ".");
                    assertConnected(context, Region.US_EAST_1, "http://starter:4566", "from-the-starter");
                });
    }

    @Test
    void eachStarterKeyWinsAloneAndSpringCloudAwsGivesTheOthers() {
        contextRunner.withPropertyValues(arnIn("us-east-1"), "dynamodb.stream.region=us-east-1").run(context -> {
            assertConnected(context, Region.US_EAST_1, "http://spring-cloud-aws:4566", "from-spring-cloud-aws");
        });
    }

    @Test
    void aConnectionDetailsBeanWinsOverBoth() {
        DynamoDbStreamConnectionDetails own = new DynamoDbStreamConnectionDetailsTests.OwnConnection(
                URI.create("http://localstack:4566"), "ap-south-1",
                StaticCredentialsProvider.create(AwsBasicCredentials.create("from-the-bean", "secret")));
        contextRunner.withBean(DynamoDbStreamConnectionDetails.class, () -> own)
                .withPropertyValues(arnIn("ap-south-1"), "dynamodb.stream.region=us-east-1").run(context -> {
                    assertThat(context).hasSingleBean(DynamoDbClient.class);
                    assertThat(dynamoDbClientSource(context)).startsWith(getClass().getPackageName() + ".");
                    assertConnected(context, Region.AP_SOUTH_1, "http://localstack:4566", "from-the-bean");
                });
    }

    @Test
    void springCloudAwsCustomizersApplyAndTheStreamsClientStillLeavesRetriesToThePoller() {
        List<Object> customized = new CopyOnWriteArrayList<>();
        contextRunner.withPropertyValues(arnIn("eu-west-1"), "dynamodb.stream.region=eu-west-1")
                .withBean(AwsSyncClientCustomizer.class, () -> customized::add)
                .withBean(io.awspring.cloud.autoconfigure.dynamodb.DynamoDbClientCustomizer.class,
                        () -> customized::add)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(customized).hasAtLeastOneElementOfType(DynamoDbStreamsClientBuilder.class);
                    assertThat(customized).filteredOn(DynamoDbClientBuilder.class::isInstance).hasSize(2);
                    assertThat(context.getBean(DynamoDbStreamsClient.class).serviceClientConfiguration()
                            .overrideConfiguration().retryStrategy()).hasValueSatisfying(
                                    strategy -> assertThat(strategy.maxAttempts()).isEqualTo(1));
                });
    }

    @Test
    void withoutSpringCloudAwsItsKeysAreIgnoredAndTheStarterBuildsItsOwnClients() {
        new ApplicationContextRunner().withClassLoader(new FilteredClassLoader("io.awspring.cloud"))
                .withConfiguration(AutoConfigurations.of(SpringCloudAwsConnectionAutoConfiguration.class,
                        DynamoDbStreamAutoConfiguration.class))
                .withPropertyValues("spring.cloud.aws.region.static=eu-west-1",
                        "spring.cloud.aws.endpoint=http://spring-cloud-aws:4566", arnIn("us-east-1"),
                        "dynamodb.stream.region=us-east-1").run(context -> {
                    assertThat(context).doesNotHaveBean(SharedAwsClientSettings.class);
                    assertThat(dynamoDbClientSource(context))
                            .isEqualTo(DynamoDbStreamAutoConfiguration.class.getName());
                    assertConnected(context, Region.US_EAST_1, null, null);
                });
    }
}
