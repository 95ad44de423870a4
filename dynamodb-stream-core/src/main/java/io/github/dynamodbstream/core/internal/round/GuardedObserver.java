package io.github.dynamodbstream.core.internal.round;

import io.github.dynamodbstream.core.DataLoss;
import io.github.dynamodbstream.core.PollResult;
import io.github.dynamodbstream.core.PollerObserver;
import io.github.dynamodbstream.core.record.ChangeType;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Passes every call to each of the application's observers, in order, and keeps an exception one throws from
 * reaching the poller or the observers after it: an observer runs after the listener accepted a batch and before its
 * checkpoint, so a failing metric must not turn a delivered batch into one delivered again. The first failure of each
 * method is logged at WARN, later ones at DEBUG.
 */
public final class GuardedObserver implements PollerObserver {

    private static final Logger log = LoggerFactory.getLogger(GuardedObserver.class);

    private final List<PollerObserver> observers;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    private GuardedObserver(List<PollerObserver> observers) {
        this.observers = observers;
    }

    /** The observer, guarded; {@link PollerObserver#NONE} as it is. */
    public static PollerObserver of(PollerObserver observer) {
        return observer == NONE || observer instanceof GuardedObserver ? observer
                : new GuardedObserver(List.of(observer));
    }

    /** The observers, each guarded, called in order; {@link PollerObserver#NONE} when there is none. */
    public static PollerObserver of(List<? extends PollerObserver> observers) {
        List<PollerObserver> called = observers.stream().filter(observer -> observer != NONE)
                .map(PollerObserver.class::cast).toList();
        return called.isEmpty() ? NONE : called.size() == 1 ? of(called.get(0)) : new GuardedObserver(called);
    }

    @Override
    public void apiCall(String operation, String outcome, Duration latency) {
        guard("apiCall", observer -> observer.apiCall(operation, outcome, latency));
    }

    @Override
    public void throttled(String operation) {
        guard("throttled", observer -> observer.throttled(operation));
    }

    @Override
    public void recordsDelivered(String shardId, ChangeType type, int count) {
        guard("recordsDelivered", observer -> observer.recordsDelivered(shardId, type, count));
    }

    @Override
    public void lag(String shardId, Duration lag) {
        guard("lag", observer -> observer.lag(shardId, lag));
    }

    @Override
    public void listenerFailed(String shardId, Throwable failure) {
        guard("listenerFailed", observer -> observer.listenerFailed(shardId, failure));
    }

    @Override
    public void recordsSkipped(String shardId, int count) {
        guard("recordsSkipped", observer -> observer.recordsSkipped(shardId, count));
    }

    @Override
    public void recordsFiltered(String shardId, int count) {
        guard("recordsFiltered", observer -> observer.recordsFiltered(shardId, count));
    }

    @Override
    public void malformedRecord(String shardId, String sequenceNumber) {
        guard("malformedRecord", observer -> observer.malformedRecord(shardId, sequenceNumber));
    }

    @Override
    public void shardListingFailed(Throwable failure) {
        guard("shardListingFailed", observer -> observer.shardListingFailed(failure));
    }

    @Override
    public void dataLoss(DataLoss dataLoss) {
        guard("dataLoss", observer -> observer.dataLoss(dataLoss));
    }

    @Override
    public void roundCompleted(PollResult result, Duration duration) {
        guard("roundCompleted", observer -> observer.roundCompleted(result, duration));
    }

    private void guard(String method, Consumer<PollerObserver> call) {
        for (PollerObserver observer : observers) {
            try {
                call.accept(observer);
            } catch (RuntimeException e) {
                warn(observer, method, e);
            }
        }
    }

    private void warn(PollerObserver observer, String method, RuntimeException e) {
        if (warned.add(observer.getClass().getName() + '#' + method)) {
            log.warn("The poller observer {} failed in {}; ignored, reading goes on (further failures of {} are "
                    + "logged at DEBUG). Fix the observer: its metrics may be incomplete.", observer, method,
                    method, e);
        } else {
            log.debug("The poller observer {} failed in {}; ignored", observer, method, e);
        }
    }
}
