package io.github.dynamodbstream.spring.observation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.dynamodbstream.emulator.DynamoDbEmulatorExtension;
import io.github.dynamodbstream.spring.DynamoDbStreamAutoConfiguration;
import io.github.dynamodbstream.spring.checkpoint.DynamoDbStreamCheckpointAutoConfiguration;
import io.github.dynamodbstream.spring.poller.DynamoDbStreamPollerAutoConfiguration;
import io.github.dynamodbstream.spring.support.EveryChange;
import io.github.dynamodbstream.spring.support.OnEmulator;
import io.github.dynamodbstream.spring.support.TestItems;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * With an {@code ObservationRegistry} bean, every delivery is observed; with Micrometer's meter handler, that is the
 * listener-duration timer {@code dynamodb.stream.listener}. {@code dynamodb.stream.observations.enabled=false} turns
 * it off.
 */
class DeliveryObservationAutoConfigurationTests {

    @RegisterExtension
    static final DynamoDbEmulatorExtension EMULATOR = DynamoDbEmulatorExtension.create();

    private final ApplicationContextRunner contextRunner = OnEmulator.pollingContextRunner(EMULATOR.emulator(),
            DynamoDbStreamAutoConfiguration.class, DynamoDbStreamCheckpointAutoConfiguration.class,
            DynamoDbStreamPollerAutoConfiguration.class)
            .withUserConfiguration(EveryChange.class, Observations.class);

    @Configuration(proxyBeanMethods = false)
    static class Observations {

        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }

        @Bean
        ObservationRegistry observationRegistry(MeterRegistry meters) {
            ObservationRegistry registry = ObservationRegistry.create();
            registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
            return registry;
        }
    }

    @Test
    void eachDeliveryIsTimedByStreamTableChangeTypeAndOutcome() {
        String table = OnEmulator.newTable(EMULATOR, "observed");
        contextRunner.withPropertyValues("dynamodb.stream.table-name=" + table).run(context -> {
            TestItems.put(EMULATOR.dynamoDbClient(), table, "a", 1);
            TestItems.put(EMULATOR.dynamoDbClient(), table, "a", 2);
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                Timer modifies = meters.find(DefaultDynamoDbStreamDeliveryConvention.NAME)
                        .tag("dynamodb.stream.name", table).tag("dynamodb.stream.table", table)
                        .tag("dynamodb.stream.change.type", "MODIFY").tag("dynamodb.stream.outcome", "SUCCESS")
                        .timer();
                assertThat(modifies).isNotNull();
                assertThat(modifies.count()).isEqualTo(1);
            });
            assertThat(meters.get(DefaultDynamoDbStreamDeliveryConvention.NAME)
                    .tag("dynamodb.stream.change.type", "INSERT").timer().count()).isEqualTo(1);
        });
    }

    @Test
    void observationsTurnedOffLeaveTheRegistryUntouched() {
        String table = OnEmulator.newTable(EMULATOR, "unobserved");
        contextRunner.withPropertyValues("dynamodb.stream.table-name=" + table,
                "dynamodb.stream.observations.enabled=false").run(context -> {
                    TestItems.put(EMULATOR.dynamoDbClient(), table, "a", 1);
                    EveryChange changes = context.getBean(EveryChange.class);
                    await().atMost(Duration.ofSeconds(10)).until(() -> changes.changes().size() == 1);
                    assertThat(context.getBean(MeterRegistry.class)
                            .find(DefaultDynamoDbStreamDeliveryConvention.NAME).timers()).isEmpty();
                });
    }
}
