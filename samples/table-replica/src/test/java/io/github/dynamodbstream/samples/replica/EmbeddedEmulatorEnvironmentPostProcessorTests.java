package io.github.dynamodbstream.samples.replica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogs;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

class EmbeddedEmulatorEnvironmentPostProcessorTests {

    private final EmbeddedEmulatorEnvironmentPostProcessor postProcessor =
            new EmbeddedEmulatorEnvironmentPostProcessor(new DeferredLogs());

    private static StandardEnvironment environment(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        return environment;
    }

    @Test
    void startsTheEmulatorWithTheTableAndPointsTheStarterAtItWhenNothingIsConfigured() {
        StandardEnvironment environment = environment(Map.of("dynamodb.stream.table-name", "sample-orders"));
        SpringApplication application = new SpringApplication();

        postProcessor.postProcessEnvironment(environment, application);

        String endpoint = environment.getProperty("dynamodb.stream.endpoint");
        assertThat(endpoint).startsWith("http://127.0.0.1:");
        try (GenericApplicationContext context = new GenericApplicationContext();
                DynamoDbClient dynamoDb = client(endpoint, environment.getProperty("dynamodb.stream.region"))) {
            initialize(application, context);
            context.refresh();
            TableDescription table = dynamoDb.describeTable(request -> request.tableName("sample-orders")).table();
            assertThat(table.streamSpecification().streamViewType()).isEqualTo(StreamViewType.NEW_AND_OLD_IMAGES);
            assertThat(dynamoDb.scan(request -> request.tableName("sample-orders")).count()).isEqualTo(5);
            assertThat(context.getBean(EmbeddedEmulatorEnvironmentPostProcessor.EMULATOR_BEAN)).isNotNull();

            context.close();
            assertThatThrownBy(() -> dynamoDb.describeTable(request -> request.tableName("sample-orders")))
                    .isInstanceOf(SdkClientException.class);
        }
    }

    @Test
    void leavesAConfiguredEndpointAloneAndStartsNoEmulator() {
        StandardEnvironment environment = environment(Map.of("dynamodb.stream.endpoint", "http://localhost:4566"));
        SpringApplication application = new SpringApplication();
        int initializers = application.getInitializers().size();

        postProcessor.postProcessEnvironment(environment, application);

        assertThat(environment.getPropertySources().contains(EmbeddedEmulatorEnvironmentPostProcessor.PROPERTY_SOURCE))
                .isFalse();
        assertThat(environment.getProperty("dynamodb.stream.endpoint")).isEqualTo("http://localhost:4566");
        assertThat(application.getInitializers()).hasSize(initializers);
    }

    @Test
    void startsNoEmulatorWhenTurnedOff() {
        StandardEnvironment environment = environment(Map.of("sample.embedded-emulator.enabled", "false"));
        SpringApplication application = new SpringApplication();
        int initializers = application.getInitializers().size();

        postProcessor.postProcessEnvironment(environment, application);

        assertThat(environment.containsProperty("dynamodb.stream.endpoint")).isFalse();
        assertThat(application.getInitializers()).hasSize(initializers);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void initialize(SpringApplication application, ConfigurableApplicationContext context) {
        for (ApplicationContextInitializer initializer : application.getInitializers()) {
            initializer.initialize(context);
        }
    }

    private static DynamoDbClient client(String endpoint, String region) {
        return DynamoDbClient.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
                .build();
    }
}
