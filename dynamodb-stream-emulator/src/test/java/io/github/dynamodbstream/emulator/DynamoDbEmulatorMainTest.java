package io.github.dynamodbstream.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dynamodbstream.emulator.internal.EmulatorSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DynamoDbEmulatorMainTest {

    @Test
    void parsesShortAndIsoDurations() {
        assertThat(DynamoDbEmulatorMain.duration("--rotation", "4h")).isEqualTo(Duration.ofHours(4));
        assertThat(DynamoDbEmulatorMain.duration("--rotation", "30m")).isEqualTo(Duration.ofMinutes(30));
        assertThat(DynamoDbEmulatorMain.duration("--rotation", "10s")).isEqualTo(Duration.ofSeconds(10));
        assertThat(DynamoDbEmulatorMain.duration("--rotation", "250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(DynamoDbEmulatorMain.duration("--rotation", "1d")).isEqualTo(Duration.ofDays(1));
        assertThat(DynamoDbEmulatorMain.duration("--rotation", "PT4H")).isEqualTo(Duration.ofHours(4));
    }

    @Test
    void rejectsAMalformedDurationNamingTheFlag() {
        assertThatThrownBy(() -> DynamoDbEmulatorMain.duration("--rotation", "often"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--rotation takes a duration")
                .hasMessageContaining("'often'");
    }

    @Test
    void appliesEveryFlagToTheEmulator() {
        DynamoDbEmulator.Builder builder = DynamoDbEmulator.builder();
        boolean run = DynamoDbEmulatorMain.configure(builder, new String[] {
            "--port", "0", "--region", "eu-west-1", "--shards", "3", "--rotation", "4h",
            "--iterator-lifetime", "1m", "--retention", "2h", "--max-readers-per-shard", "2",
            "--status-delay", "250ms"}, System.out);

        assertThat(run).isTrue();
        EmulatorSettings defaults = DynamoDbEmulator.builder().settings();
        assertThat(builder.settings()).isEqualTo(new EmulatorSettings("eu-west-1", defaults.accountId(), 3,
                Duration.ofMinutes(1), Duration.ofHours(2), Duration.ofHours(4), 2, defaults.emptyPageRate(),
                defaults.seed(), Duration.ofMillis(250)));
        try (DynamoDbEmulator emulator = builder.start()) {
            assertThat(emulator.endpoint().getHost()).isEqualTo("127.0.0.1");
            assertThat(emulator.endpoint().getPort()).isPositive();
        }
    }

    @Test
    void aStatusDelayOfZeroSettlesAtOnce() {
        DynamoDbEmulator.Builder builder = DynamoDbEmulator.builder();
        DynamoDbEmulatorMain.configure(builder, new String[] {"--status-delay", "0"}, System.out);

        assertThat(builder.settings().statusDelay()).isZero();
        assertThat(DynamoDbEmulator.builder().settings().statusDelay()).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void rejectsAnUnknownFlag() {
        assertThatThrownBy(() -> DynamoDbEmulatorMain.configure(
                DynamoDbEmulator.builder(), new String[] {"--shard", "3"}, System.out))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unknown flag --shard");
    }

    @Test
    void rejectsAFlagWithoutItsValue() {
        assertThatThrownBy(() -> DynamoDbEmulatorMain.configure(
                DynamoDbEmulator.builder(), new String[] {"--port"}, System.out))
                .hasMessage("Flag --port needs a value");
    }

    @Test
    void helpPrintsTheFlagsAndAsksNotToRun() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean run = DynamoDbEmulatorMain.configure(
                DynamoDbEmulator.builder(), new String[] {"--help"}, new PrintStream(out, true, StandardCharsets.UTF_8));

        assertThat(run).isFalse();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--port").contains("--shards").contains("--rotation")
                .contains("--status-delay");
    }
}
