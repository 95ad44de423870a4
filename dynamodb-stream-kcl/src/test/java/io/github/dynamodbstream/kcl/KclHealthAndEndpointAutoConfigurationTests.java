package io.github.dynamodbstream.kcl;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dynamodbstream.emulator.DynamoDbEmulatorExtension;
import io.github.dynamodbstream.kcl.endpoint.KclStreamsEndpoint;
import io.github.dynamodbstream.kcl.endpoint.KclStreamsEndpointAutoConfiguration;
import io.github.dynamodbstream.kcl.health.KclStreamHealthAutoConfiguration;
import io.github.dynamodbstream.kcl.health.KclStreamHealthIndicator;
import io.github.dynamodbstream.spring.DynamoDbStreamAutoConfiguration;
import io.github.dynamodbstream.spring.checkpoint.DynamoDbStreamCheckpointAutoConfiguration;
import io.github.dynamodbstream.spring.endpoint.DynamoDbStreamsEndpoint;
import io.github.dynamodbstream.spring.endpoint.DynamoDbStreamsEndpointAutoConfiguration;
import io.github.dynamodbstream.spring.health.DynamoDbStreamHealthAutoConfiguration;
import io.github.dynamodbstream.spring.health.DynamoDbStreamHealthIndicator;
import io.github.dynamodbstream.spring.poller.DynamoDbStreamPollerAutoConfiguration;
import io.github.dynamodbstream.spring.poller.KclCoordinationRequirement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/** The {@code dynamodbStream} health indicator and the {@code dynamodbstreams} endpoint under kcl coordination. */
class KclHealthAndEndpointAutoConfigurationTests {

    @RegisterExtension
    static final DynamoDbEmulatorExtension EMULATOR = DynamoDbEmulatorExtension.of(KclFleet.emulator(4));

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DynamoDbStreamAutoConfiguration.class,
                    DynamoDbStreamCheckpointAutoConfiguration.class, DynamoDbStreamPollerAutoConfiguration.class,
                    KclCoordinationRequirement.class, DynamoDbStreamKclAutoConfiguration.class,
                    DynamoDbStreamHealthAutoConfiguration.class, DynamoDbStreamsEndpointAutoConfiguration.class,
                    KclStreamHealthAutoConfiguration.class, KclStreamsEndpointAutoConfiguration.class))
            .withPropertyValues(
                    "dynamodb.stream.endpoint=" + EMULATOR.emulator().endpoint(),
                    "dynamodb.stream.region=" + EMULATOR.emulator().region(),
                    "dynamodb.stream.credentials.access-key-id=emulator",
                    "dynamodb.stream.credentials.secret-access-key=emulator",
                    "dynamodb.stream.auto-startup=false",
                    "dynamodb.stream.table-name=orders",
                    "management.endpoints.web.exposure.include=dynamodbstreams");
    private final ApplicationContextRunner kcl = contextRunner.withPropertyValues("dynamodb.stream.coordination=kcl");

    @BeforeAll
    static void createTable() {
        OrdersTable.create(EMULATOR.dynamoDbClient(), "orders", StreamViewType.NEW_IMAGE);
    }

    @Test
    void kclModeHasItsOwnHealthIndicatorAndEndpointInsteadOfTheBroadcastOnes() {
        kcl.run(context -> {
            assertThat(context).hasNotFailed()
                    .hasSingleBean(KclStreamsEndpoint.class)
                    .doesNotHaveBean(DynamoDbStreamHealthIndicator.class)
                    .doesNotHaveBean(DynamoDbStreamsEndpoint.class);
            assertThat(context.getBean("dynamodbStreamHealthIndicator")).isInstanceOf(KclStreamHealthIndicator.class);
        });
    }

    @Test
    void broadcastModeKeepsTheStarterHealthIndicatorAndEndpoint() {
        contextRunner.run(context -> assertThat(context).hasNotFailed()
                .hasSingleBean(DynamoDbStreamHealthIndicator.class)
                .hasSingleBean(DynamoDbStreamsEndpoint.class)
                .doesNotHaveBean(KclStreamHealthIndicator.class)
                .doesNotHaveBean(KclStreamsEndpoint.class));
    }

    @Test
    void healthIsUnknownAndTheEndpointEmptyBeforeStart() {
        kcl.run(context -> {
            Health health = context.getBean(KclStreamHealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.UNKNOWN);
            assertThat(health.getDetails()).containsEntry("running", false);
            KclStreamsEndpoint.StreamsDescriptor streams = context.getBean(KclStreamsEndpoint.class).streams();
            assertThat(streams.running()).isFalse();
            assertThat(streams.streams()).isEmpty();
        });
    }

    @Test
    void backsOffWithoutHealthSupportOrActuator() {
        kcl.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
                .run(context -> assertThat(context).hasNotFailed()
                        .hasSingleBean(KclStreamContainer.class)
                        .doesNotHaveBean(KclStreamHealthIndicator.class));
        kcl.withClassLoader(new FilteredClassLoader(Endpoint.class.getPackageName()))
                .run(context -> assertThat(context).hasNotFailed()
                        .hasSingleBean(KclStreamContainer.class)
                        .doesNotHaveBean(KclStreamsEndpoint.class));
    }

    @Test
    void healthIndicatorTurnedOffByProperty() {
        kcl.withPropertyValues("management.health.dynamodbstream.enabled=false")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(KclStreamHealthIndicator.class));
    }

    @Test
    void theApplicationsOwnBeansWin() {
        kcl.withUserConfiguration(OwnBeans.class).run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(KclStreamHealthIndicator.class);
            assertThat(context.getBean("dynamodbStreamHealthIndicator", HealthIndicator.class).health().getStatus())
                    .isEqualTo(Status.OUT_OF_SERVICE);
            assertThat(context.getBean(KclStreamsEndpoint.class)).isSameAs(context.getBean(OwnBeans.class).endpoint);
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnBeans {

        private KclStreamsEndpoint endpoint;

        @Bean
        HealthIndicator dynamodbStreamHealthIndicator() {
            return () -> Health.outOfService().build();
        }

        @Bean
        KclStreamsEndpoint ownEndpoint(KclStreamContainer container) {
            endpoint = new KclStreamsEndpoint(container);
            return endpoint;
        }
    }
}
