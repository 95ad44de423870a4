package io.github.dynamodbstream.kcl.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import software.amazon.kinesis.retrieval.polling.SleepTimeControllerConfig;

class ShardReadPacingTests {

    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
    private static final long POLL_INTERVAL = 1_000;

    private final ShardReadPacing pacing = new ShardReadPacing(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aPageWithRecordsIsFollowedAtOnceOnceTheMinimumSpacingHasPassed() {
        assertThat(pacing.getSleepTimeMillis(lastCall(1_000, 250))).isZero();
        assertThat(pacing.getSleepTimeMillis(lastCall(1, 200))).isZero();
    }

    @Test
    void aPageWithRecordsIsFollowedNoSoonerThanTheMinimumSpacingAfterIt() {
        assertThat(pacing.getSleepTimeMillis(lastCall(1_000, 50))).isEqualTo(150);
        assertThat(pacing.getSleepTimeMillis(lastCall(1_000, 0))).isEqualTo(200);
    }

    @Test
    void anEmptyPageWaitsThePollIntervalFromTheEndOfTheCallOnce() {
        assertThat(pacing.getSleepTimeMillis(lastCall(0, 0))).isEqualTo(POLL_INTERVAL);
        assertThat(pacing.getSleepTimeMillis(lastCall(0, 300))).isEqualTo(700);
        assertThat(pacing.getSleepTimeMillis(lastCall(0, 1_500))).isZero();
    }

    @Test
    void anEmptyPageWaitsAtLeastTheMinimumSpacingWhenThePollIntervalIsShorter() {
        SleepTimeControllerConfig config = SleepTimeControllerConfig.builder().idleMillisBetweenCalls(50)
                .lastSuccessfulCall(NOW).lastRecordsCount(0).build();

        assertThat(pacing.getSleepTimeMillis(config)).isEqualTo(ShardReadPacing.MINIMUM_SPACING.toMillis());
    }

    @Test
    void aFailedCallIsFollowedByAWaitOfThePollInterval() {
        SleepTimeControllerConfig afterFailure = SleepTimeControllerConfig.builder()
                .idleMillisBetweenCalls(POLL_INTERVAL).build();

        assertThat(pacing.getSleepTimeMillis(afterFailure)).isEqualTo(POLL_INTERVAL);
    }

    @Test
    void aLastCallStampedAfterNowCountsAsJustEnded() {
        assertThat(pacing.getSleepTimeMillis(lastCall(0, -500))).isEqualTo(POLL_INTERVAL);
    }

    private static SleepTimeControllerConfig lastCall(int records, long endedMillisAgo) {
        return SleepTimeControllerConfig.builder().idleMillisBetweenCalls(POLL_INTERVAL)
                .lastSuccessfulCall(NOW.minusMillis(endedMillisAgo)).lastRecordsCount(records).build();
    }
}
