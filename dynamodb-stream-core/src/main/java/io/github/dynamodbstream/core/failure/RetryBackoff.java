package io.github.dynamodbstream.core.failure;

import java.time.Duration;
import java.util.Objects;

/**
 * How often, and how long apart, a poller tries an operation again: capped exponential backoff with jitter. The
 * delay before retry {@code n} (from 1) is {@code min(maxDelay, baseDelay * 2^(n-1))}, of which the fraction
 * {@code jitter} is random: {@code 1.0} ("full jitter") picks uniformly between zero and that delay, {@code 0}
 * waits exactly that delay. (Not named {@code RetryPolicy}, so that it is not taken for Spring Framework's
 * {@code org.springframework.core.retry.RetryPolicy}, which every Spring application has on its class path.)
 *
 * @param maxAttempts attempts in all, the first one included; at least 1 (1 means no retry)
 * @param baseDelay delay before the first retry
 * @param maxDelay the longest delay between two attempts
 * @param jitter the random fraction of each delay, from 0 to 1
 */
public record RetryBackoff(int maxAttempts, Duration baseDelay, Duration maxDelay, double jitter) {

    public RetryBackoff {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1 (1 means no retry), got " + maxAttempts);
        }
        Objects.requireNonNull(baseDelay, "baseDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (baseDelay.isNegative() || maxDelay.compareTo(baseDelay) < 0) {
            throw new IllegalArgumentException(
                    "Need 0 <= baseDelay <= maxDelay, got baseDelay " + baseDelay + " and maxDelay " + maxDelay);
        }
        if (!(jitter >= 0 && jitter <= 1)) {
            throw new IllegalArgumentException("jitter is a fraction from 0 to 1, got " + jitter);
        }
    }

    /**
     * Retries with full jitter.
     *
     * @param maxAttempts attempts in all, the first one included
     * @param baseDelay delay before the first retry
     * @param maxDelay the longest delay between two attempts
     * @return the retries
     */
    public static RetryBackoff of(int maxAttempts, Duration baseDelay, Duration maxDelay) {
        return new RetryBackoff(maxAttempts, baseDelay, maxDelay, 1.0);
    }

    /** One attempt and no retry. */
    public static RetryBackoff noRetry() {
        return new RetryBackoff(1, Duration.ZERO, Duration.ZERO, 0);
    }

    /** The same retries with another jitter fraction. */
    public RetryBackoff withJitter(double jitter) {
        return new RetryBackoff(maxAttempts, baseDelay, maxDelay, jitter);
    }

    /**
     * The delay before a retry, for a given random draw.
     *
     * @param retry the retry, from 1 (the second attempt)
     * @param random a number from 0 (inclusive) to 1 (exclusive)
     * @return the delay
     */
    public Duration delayBeforeRetry(int retry, double random) {
        long base = baseDelay.toNanos();
        long max = maxDelay.toNanos();
        long exponential = retry >= 63 || base > (max >> Math.min(retry - 1, 62)) ? max : base << (retry - 1);
        long capped = Math.min(max, exponential);
        long randomPart = (long) (capped * jitter * random);
        return Duration.ofNanos(capped - (long) (capped * jitter) + randomPart);
    }
}
