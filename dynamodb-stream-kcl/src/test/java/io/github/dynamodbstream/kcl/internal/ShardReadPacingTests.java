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
    private static final int MAX_RECORDS = 1_000;
    private static final long CAUGHT_UP = ShardReadPacing.CAUGHT_UP_SPACING.toMillis();

    private final ShardReadPacing pacing = new ShardReadPacing(Clock.fixed(NOW, ZoneOffset.UTC), MAX_RECORDS);

    @Test
    void aFullPageIsFollowedAtOnce() {
        assertThat(pacing.getSleepTimeMillis(lastCall(POLL_INTERVAL, MAX_RECORDS, 0))).isZero();
    }

    @Test
    void aPageWithFewerRecordsIsFollowedAfterTheCaughtUpSpacingFromTheEndOfTheCall() {
        assertThat(pacing.getSleepTimeMillis(lastCall(POLL_INTERVAL, MAX_RECORDS - 1, 0))).isEqualTo(CAUGHT_UP);
        assertThat(pacing.getSleepTimeMillis(lastCall(POLL_INTERVAL, 1, 50))).isEqualTo(CAUGHT_UP - 50);
        assertThat(pacing.getSleepTimeMillis(lastCall(POLL_INTERVAL, 1, CAUGHT_UP + 1))).isZero();
    }

    @Test
    void aPageWithFewerRecordsWaitsNoLongerThanThePollInterval() {
        assertThat(pacing.getSleepTimeMillis(lastCall(50, 10, 0))).isEqualTo(50);
    }

    @Test
    void anEmptyPageWaitsThePollIntervalFromTheEndOfTheCallOnce() {
        assertThat(pacing.getSleepTimeMillis(lastCall(POLL_INTERVAL, 0, 0))).isEqualTo(POLL_INTERVAL);
        assertThat(pacing.getSleepTimeMillis(lastCall(POLL_INTERVAL, 0, 300))).isEqualTo(700);
        assertThat(pacing.getSleepTimeMillis(lastCall(POLL_INTERVAL, 0, 1_500))).isZero();
    }

    @Test
    void aFailedCallIsFollowedByAWaitOfThePollInterval() {
        SleepTimeControllerConfig afterFailure = SleepTimeControllerConfig.builder()
                .idleMillisBetweenCalls(POLL_INTERVAL).build();

        assertThat(pacing.getSleepTimeMillis(afterFailure)).isEqualTo(POLL_INTERVAL);
    }

    @Test
    void aLastCallStampedAfterNowCountsAsJustEnded() {
        assertThat(pacing.getSleepTimeMillis(lastCall(POLL_INTERVAL, 0, -500))).isEqualTo(POLL_INTERVAL);
    }

    private static SleepTimeControllerConfig lastCall(long pollInterval, int records, long endedMillisAgo) {
        return SleepTimeControllerConfig.builder().idleMillisBetweenCalls(pollInterval)
                .lastSuccessfulCall(NOW.minusMillis(endedMillisAgo)).lastRecordsCount(records).build();
    }
}
