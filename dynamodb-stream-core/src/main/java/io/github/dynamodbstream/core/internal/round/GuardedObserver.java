package io.github.dynamodbstream.core.internal.round;

import io.github.dynamodbstream.core.ChangeType;
import io.github.dynamodbstream.core.DataLoss;
import io.github.dynamodbstream.core.PollResult;
import io.github.dynamodbstream.core.PollerObserver;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Passes every call to the application's observer and keeps an exception it throws from reaching the poller: an
 * observer runs after the listener accepted a batch and before its checkpoint, so a failing metric must not turn a
 * delivered batch into one delivered again. The first failure of each method is logged at WARN, later ones at DEBUG.
 */
public final class GuardedObserver implements PollerObserver {

    private static final Logger log = LoggerFactory.getLogger(GuardedObserver.class);

    private final PollerObserver observer;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    private GuardedObserver(PollerObserver observer) {
        this.observer = observer;
    }

    /** The observer, guarded; {@link PollerObserver#NONE} as it is. */
    public static PollerObserver of(PollerObserver observer) {
        return observer == NONE || observer instanceof GuardedObserver ? observer : new GuardedObserver(observer);
    }

    @Override
    public void apiCall(String operation, String outcome, Duration latency) {
        guard("apiCall", () -> observer.apiCall(operation, outcome, latency));
    }

    @Override
    public void throttled(String operation) {
        guard("throttled", () -> observer.throttled(operation));
    }

    @Override
    public void recordsDelivered(String shardId, ChangeType type, int count) {
        guard("recordsDelivered", () -> observer.recordsDelivered(shardId, type, count));
    }

    @Override
    public void lag(String shardId, Duration lag) {
        guard("lag", () -> observer.lag(shardId, lag));
    }

    @Override
    public void listenerFailed(String shardId, Throwable failure) {
        guard("listenerFailed", () -> observer.listenerFailed(shardId, failure));
    }

    @Override
    public void recordsSkipped(String shardId, int count) {
        guard("recordsSkipped", () -> observer.recordsSkipped(shardId, count));
    }

    @Override
    public void malformedRecord(String shardId, String sequenceNumber) {
        guard("malformedRecord", () -> observer.malformedRecord(shardId, sequenceNumber));
    }

    @Override
    public void shardListingFailed(Throwable failure) {
        guard("shardListingFailed", () -> observer.shardListingFailed(failure));
    }

    @Override
    public void dataLoss(DataLoss dataLoss) {
        guard("dataLoss", () -> observer.dataLoss(dataLoss));
    }

    @Override
    public void roundCompleted(PollResult result, Duration duration) {
        guard("roundCompleted", () -> observer.roundCompleted(result, duration));
    }

    private void guard(String method, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            if (warned.add(method)) {
                log.warn("The poller observer {} failed in {}; ignored, reading goes on (further failures of {} are "
                        + "logged at DEBUG). Fix the observer: its metrics may be incomplete.", observer, method,
                        method, e);
            } else {
                log.debug("The poller observer {} failed in {}; ignored", observer, method, e);
            }
        }
    }
}
