package io.github.dynamodbstream.core.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ShardCheckpointTest {

    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

    private static ShardCheckpoint at(String sequenceNumber, boolean finished) {
        return new ShardCheckpoint("shardId-1", sequenceNumber, finished, NOW);
    }

    @Test
    void comparesSequenceNumbersAsNumbersNotAsText() {
        assertThat(at("100000000000000000000010", false).isAfter(at("99999999999999999999999", false))).isTrue();
        assertThat(at("99999999999999999999999", false).isAfter(at("100000000000000000000010", false))).isFalse();
    }

    @Test
    void finishingAtTheSamePositionMovesForward() {
        assertThat(at("5", true).isAfter(at("5", false))).isTrue();
        assertThat(at("5", false).isAfter(at("5", true))).isFalse();
        assertThat(at("5", false).isAfter(at("5", false))).isFalse();
    }

    @Test
    void anyPositionIsAfterNoPosition() {
        assertThat(at("1", false).isAfter(at(null, false))).isTrue();
        assertThat(at(null, true).isAfter(at(null, false))).isTrue();
        assertThat(at(null, false).isAfter(at("1", false))).isFalse();
    }

    @Test
    void rejectsASequenceNumberThatIsNotDigits() {
        assertThatIllegalArgumentException().isThrownBy(() -> at("12a", false))
                .withMessageContaining("'12a'").withMessageContaining("shardId-1");
        assertThatIllegalArgumentException().isThrownBy(() -> at("", false))
                .withMessageContaining("non-empty string of digits");
    }
}
