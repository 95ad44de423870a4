package io.github.dynamodbstream.kcl;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dynamodbstream.emulator.DynamoDbEmulatorExtension;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The worker's thread keeps the JVM running, as the broadcast mode's poll loop does: an application without a web
 * server (nothing else holds the JVM) must not exit once {@code main} returned. Found by the process-death campaign,
 * where such an application stopped seconds after it started.
 */
class KclWorkerThreadTests {

    @RegisterExtension
    static final DynamoDbEmulatorExtension EMULATOR = DynamoDbEmulatorExtension.of(KclFleet.emulator(1));

    @RegisterExtension
    final KclFleet fleet = new KclFleet(EMULATOR.emulator(), EMULATOR.dynamoDbClient(), Duration.ofSeconds(3));

    @Test
    void theWorkerThreadIsNotADaemon() {
        fleet.createTableWriteAndStart("a");

        assertThat(Thread.getAllStackTraces().keySet())
                .filteredOn(thread -> thread.getName().equals("dynamodb-stream-kcl-" + KclFleet.TABLE))
                .singleElement()
                .satisfies(thread -> assertThat(thread.isDaemon()).as("daemon").isFalse());
    }
}
