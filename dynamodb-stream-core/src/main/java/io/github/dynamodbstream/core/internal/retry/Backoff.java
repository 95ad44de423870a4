package io.github.dynamodbstream.core.internal.retry;

import io.github.dynamodbstream.core.failure.RetryBackoff;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Waits between attempts as a {@link RetryBackoff} says. */
public final class Backoff {

    private Backoff() {
    }

    /**
     * Sleeps before a retry.
     *
     * @param policy the policy
     * @param retry the retry, from 1
     * @return {@code false} when the thread was interrupted (its interrupt flag is set again): stop retrying
     */
    public static boolean pause(RetryBackoff policy, int retry) {
        Duration delay = policy.delayBeforeRetry(retry, ThreadLocalRandom.current().nextDouble());
        if (delay.isZero()) {
            return !Thread.currentThread().isInterrupted();
        }
        try {
            Thread.sleep(delay.toMillis(), delay.toNanosPart() % 1_000_000);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
