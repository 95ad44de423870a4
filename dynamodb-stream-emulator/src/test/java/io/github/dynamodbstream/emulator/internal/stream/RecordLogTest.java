package io.github.dynamodbstream.emulator.internal.stream;

import com.fasterxml.jackson.core.io.SerializedString;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RecordLogTest {

    private final RecordLog log = new RecordLog();

    @Test
    void positionsSurviveTrimmingAndCompaction() {
        for (int i = 0; i < 5000; i++) {
            log.append(100 + 2L * i, i, 10, new SerializedString("{\"n\":" + i + "}"));
        }

        long lastDropped = log.trimCreatedAtOrBefore(2999);
        log.append(100 + 2L * 5000, 5000, 10, new SerializedString("{\"n\":5000}"));

        assertThat(lastDropped).isEqualTo(100 + 2L * 2999);
        assertThat(log.firstIndex()).isEqualTo(3000);
        assertThat(log.endIndex()).isEqualTo(5001);
        assertThat(log.jsonAt(3000).getValue()).isEqualTo("{\"n\":3000}");
        assertThat(log.jsonAt(5000).getValue()).isEqualTo("{\"n\":5000}");
        assertThat(log.indexAtOrAfter(100 + 2L * 4000)).isEqualTo(4000);
        assertThat(log.indexAtOrAfter(100 + 2L * 4000 + 1)).isEqualTo(4001);
        assertThat(log.indexAtOrAfter(0)).isEqualTo(3000);
        assertThat(log.oldestCreatedMillis()).isEqualTo(3000);
    }

    @Test
    void trimmingEverythingLeavesAnEmptyLogAtTheSamePosition() {
        log.append(1, 1, 10, new SerializedString("{}"));
        log.append(2, 2, 10, new SerializedString("{}"));

        log.trimCreatedAtOrBefore(5);

        assertThat(log.isEmpty()).isTrue();
        assertThat(log.firstIndex()).isEqualTo(2).isEqualTo(log.endIndex());
    }
}
