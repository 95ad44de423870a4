package io.github.dynamodbstream.benchmarks.support;

import java.time.Duration;

/** Sleeps that turn an interrupt into an unchecked exception, for the harness's own waiting loops. */
public final class Pause {

    private Pause() {
    }

    public static void millis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting", e);
        }
    }

    public static void of(Duration duration) {
        millis(duration.toMillis());
    }
}
