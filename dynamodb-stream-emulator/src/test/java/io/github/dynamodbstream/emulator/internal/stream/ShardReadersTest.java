package io.github.dynamodbstream.emulator.internal.stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ShardReadersTest {

    private static final long SECOND = 1_000_000_000L;

    private final ShardReaders readers = new ShardReaders();

    @Test
    void newcomerBeyondTheLimitIsRefusedWhileKnownReadersGoOn() {
        assertThat(readers.admit(1, 0, 2)).isTrue();
        assertThat(readers.admit(2, 10, 2)).isTrue();

        assertThat(readers.admit(3, 20, 2)).isFalse();
        assertThat(readers.admit(1, 30, 2)).isTrue();
    }

    @Test
    void readerIdleForMoreThanASecondFreesItsPlace() {
        readers.admit(1, 0, 1);

        assertThat(readers.admit(2, SECOND, 1)).isFalse();
        assertThat(readers.admit(2, SECOND + 1, 1)).isTrue();
        assertThat(readers.admit(1, SECOND + 2, 1)).isFalse();
    }
}
