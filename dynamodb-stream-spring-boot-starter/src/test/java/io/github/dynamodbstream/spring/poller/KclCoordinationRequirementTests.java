package io.github.dynamodbstream.spring.poller;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dynamodbstream.emulator.DynamoDbEmulatorExtension;
import io.github.dynamodbstream.spring.DynamoDbStreamAutoConfiguration;
import io.github.dynamodbstream.spring.checkpoint.DynamoDbStreamCheckpointAutoConfiguration;
import io.github.dynamodbstream.spring.diagnostics.DynamoDbStreamConfigurationException;
import io.github.dynamodbstream.spring.support.OnEmulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * {@code dynamodb.stream.coordination}: broadcast by default; kcl without the dynamodb-stream-kcl module fails at
 * start. That the poller backs off for kcl is tested in that module, where it is on the class path.
 */
class KclCoordinationRequirementTests {

    @RegisterExtension
    static final DynamoDbEmulatorExtension EMULATOR = DynamoDbEmulatorExtension.create();

    private final ApplicationContextRunner contextRunner = OnEmulator.contextRunner(EMULATOR.emulator(),
                    DynamoDbStreamAutoConfiguration.class, DynamoDbStreamCheckpointAutoConfiguration.class,
                    DynamoDbStreamPollerAutoConfiguration.class, KclCoordinationRequirement.class)
            .withPropertyValues("dynamodb.stream.auto-startup=false",
                    "dynamodb.stream.table-name=" + OnEmulator.newTable(EMULATOR, "orders"));

    @Test
    void broadcastIsTheDefaultAndRunsThePoller() {
        contextRunner.run(context -> assertThat(context).hasNotFailed()
                .hasSingleBean(DynamoDbStreamListenerContainer.class)
                .doesNotHaveBean(KclCoordinationRequirement.class));
    }

    @Test
    void kclWithoutTheKclModuleFailsAtStartNamingTheDependencyToAdd() {
        contextRunner.withPropertyValues("dynamodb.stream.coordination=kcl").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure())
                    .hasRootCauseInstanceOf(DynamoDbStreamConfigurationException.class)
                    .rootCause()
                    .hasMessageContaining("io.github.dynamodbstream:dynamodb-stream-kcl")
                    .hasMessageContaining("coordination");
        });
    }
}
