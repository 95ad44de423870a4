package io.github.dynamodbstream.core.failure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final RetryBackoff policy = RetryBackoff.of(10, Duration.ofMillis(100), Duration.ofSeconds(1));

    @Test
    void delayDoublesUpToTheMaximumWithoutJitter() {
        RetryBackoff exact = policy.withJitter(0);

        assertThat(exact.delayBeforeRetry(1, 0.5)).isEqualTo(Duration.ofMillis(100));
        assertThat(exact.delayBeforeRetry(2, 0.5)).isEqualTo(Duration.ofMillis(200));
        assertThat(exact.delayBeforeRetry(4, 0.5)).isEqualTo(Duration.ofMillis(800));
        assertThat(exact.delayBeforeRetry(5, 0.5)).isEqualTo(Duration.ofSeconds(1));
        assertThat(exact.delayBeforeRetry(200, 0.5)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void fullJitterSpreadsTheDelayFromZeroToTheCappedDelay() {
        assertThat(policy.delayBeforeRetry(3, 0)).isEqualTo(Duration.ZERO);
        assertThat(policy.delayBeforeRetry(3, 0.5)).isEqualTo(Duration.ofMillis(200));
        assertThat(policy.delayBeforeRetry(3, 0.999)).isLessThan(Duration.ofMillis(400));
    }

    @Test
    void halfJitterKeepsHalfOfTheDelay() {
        RetryBackoff half = policy.withJitter(0.5);

        assertThat(half.delayBeforeRetry(1, 0)).isEqualTo(Duration.ofMillis(50));
        assertThat(half.delayBeforeRetry(1, 0.999)).isLessThan(Duration.ofMillis(100));
    }

    @Test
    void rejectsPoliciesThatCannotWork() {
        assertThatThrownBy(() -> RetryBackoff.of(0, Duration.ZERO, Duration.ZERO)).hasMessageContaining("maxAttempts");
        assertThatThrownBy(() -> RetryBackoff.of(3, Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .hasMessageContaining("baseDelay <= maxDelay");
        assertThatThrownBy(() -> policy.withJitter(1.5)).hasMessageContaining("jitter");
    }
}
