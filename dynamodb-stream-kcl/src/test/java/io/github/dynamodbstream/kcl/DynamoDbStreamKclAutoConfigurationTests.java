package io.github.dynamodbstream.kcl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dynamodbstream.emulator.DynamoDbEmulatorExtension;
import io.github.dynamodbstream.spring.DynamoDbStreamAutoConfiguration;
import io.github.dynamodbstream.spring.checkpoint.DynamoDbStreamCheckpointAutoConfiguration;
import io.github.dynamodbstream.spring.diagnostics.DynamoDbStreamConfigurationException;
import io.github.dynamodbstream.spring.poller.DynamoDbStreamListenerContainer;
import io.github.dynamodbstream.spring.poller.DynamoDbStreamPollerAutoConfiguration;
import io.github.dynamodbstream.spring.poller.KclCoordinationRequirement;
import io.github.dynamodbstream.spring.replica.DynamoDbTableReplicaAutoConfiguration;
import io.github.dynamodbstream.test.EmulatorTables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/** Which beans {@code dynamodb.stream.coordination} gives, with the dynamodb-stream-kcl module on the class path. */
class DynamoDbStreamKclAutoConfigurationTests {

    @RegisterExtension
    static final DynamoDbEmulatorExtension EMULATOR = DynamoDbEmulatorExtension.of(KclFleet.emulator(4));

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DynamoDbStreamAutoConfiguration.class,
                    DynamoDbStreamCheckpointAutoConfiguration.class, DynamoDbStreamPollerAutoConfiguration.class,
                    KclCoordinationRequirement.class, DynamoDbTableReplicaAutoConfiguration.class,
                    DynamoDbStreamKclAutoConfiguration.class))
            .withPropertyValues(
                    "dynamodb.stream.endpoint=" + EMULATOR.emulator().endpoint(),
                    "dynamodb.stream.region=" + EMULATOR.emulator().region(),
                    "dynamodb.stream.credentials.access-key-id=emulator",
                    "dynamodb.stream.credentials.secret-access-key=emulator",
                    "dynamodb.stream.auto-startup=false");
    private final ApplicationContextRunner singleStream =
            contextRunner.withPropertyValues("dynamodb.stream.table-name=orders");

    @BeforeAll
    static void createTable() {
        EmulatorTables.createWithStream(EMULATOR.dynamoDbClient(), "orders", StreamViewType.NEW_IMAGE);
    }

    @Test
    void kclReplacesThePollerByTheKclContainer() {
        singleStream.withPropertyValues("dynamodb.stream.coordination=kcl").run(context -> assertThat(context)
                .hasNotFailed()
                .hasSingleBean(KclStreamContainer.class)
                .doesNotHaveBean(DynamoDbStreamListenerContainer.class));
    }

    @Test
    void kclChecksTheListenersBeforeItStartsAWorker() {
        singleStream.withPropertyValues("dynamodb.stream.coordination=kcl").run(context -> {
            KclStreamContainer container = context.getBean(KclStreamContainer.class);
            assertThatThrownBy(container::start).isInstanceOf(DynamoDbStreamConfigurationException.class)
                    .hasMessageContaining("Stream 'orders' (table orders) publishes")
                    .hasMessageContaining("no listener of the application receives any of them");
            assertThat(container.isRunning()).isFalse();
            assertThat(container.leaseTableNames()).isEmpty();
        });
    }

    @Test
    void broadcastKeepsThePollerEvenWithTheModulePresent() {
        singleStream.run(context -> assertThat(context).hasNotFailed()
                .hasSingleBean(DynamoDbStreamListenerContainer.class)
                .doesNotHaveBean(KclStreamContainer.class));
    }

    @Test
    void kclWithAReplicaFailsAtStartSayingWhy() {
        singleStream.withPropertyValues("dynamodb.stream.coordination=kcl", "dynamodb.stream.replica.enabled=true")
                .run(context -> assertThat(configurationFailure(context.getStartupFailure()))
                        .hasMessageContaining("replica"));
    }

    @Test
    void kclWithAReplicaOfTheSingleStreamShorthandFailsAtStartEvenBesideOtherStreams() {
        contextRunner.withPropertyValues("dynamodb.stream.coordination=kcl", "dynamodb.stream.table-name=orders",
                        "dynamodb.stream.replica.enabled=true",
                        "dynamodb.stream.streams.others.table-name=orders",
                        "dynamodb.stream.streams.others.replica.enabled=false")
                .run(context -> assertThat(configurationFailure(context.getStartupFailure()))
                        .hasMessageContaining("dynamodb.stream.replica.enabled"));
    }

    @Test
    void kclAcceptsAReplicaTurnedOffForEveryConfiguredStream() {
        contextRunner.withPropertyValues("dynamodb.stream.coordination=kcl", "dynamodb.stream.replica.enabled=true",
                        "dynamodb.stream.streams.orders.table-name=orders",
                        "dynamodb.stream.streams.orders.replica.enabled=false")
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(KclStreamContainer.class));
    }

    @Test
    void aFailoverTimeUnderOneSecondFailsAtStartNamingTheProperty() {
        singleStream.withPropertyValues("dynamodb.stream.coordination=kcl", "dynamodb.stream.kcl.failover-time=500ms")
                .run(context -> assertThat(context.getStartupFailure())
                        .rootCause()
                        .isInstanceOf(DynamoDbStreamConfigurationException.class)
                        .hasMessageContaining("dynamodb.stream.kcl.failover-time is PT0.5S")
                        .hasMessageContaining("1s or more"));
    }

    @Test
    void aShardSyncIntervalOfZeroFailsAtStartNamingTheProperty() {
        singleStream.withPropertyValues("dynamodb.stream.coordination=kcl", "dynamodb.stream.kcl.shard-sync-interval=0s")
                .run(context -> assertThat(context.getStartupFailure())
                        .rootCause()
                        .isInstanceOf(DynamoDbStreamConfigurationException.class)
                        .hasMessageContaining("dynamodb.stream.kcl.shard-sync-interval is PT0S"));
    }

    /** The configuration exception among a start-up failure's causes. */
    private static DynamoDbStreamConfigurationException configurationFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DynamoDbStreamConfigurationException configuration) {
                return configuration;
            }
        }
        throw new AssertionError("No DynamoDbStreamConfigurationException among the causes of " + failure, failure);
    }
}
