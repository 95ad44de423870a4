package io.github.dynamodbstream.spring.poller;

import io.github.dynamodbstream.core.DynamoDbStreamPoller;
import io.github.dynamodbstream.core.PollResult;
import io.github.dynamodbstream.core.StreamUnavailableException;
import io.github.dynamodbstream.spring.StreamDefinition;
import io.github.dynamodbstream.spring.container.StreamState;
import io.github.dynamodbstream.spring.container.internal.StreamActivity;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One stream while the container runs: its poller, whether a round is in flight, and what the rounds did. */
final class StreamRuntime {

    private static final Logger log = LoggerFactory.getLogger(DynamoDbStreamListenerContainer.class);

    private final StreamDefinition stream;
    private final DynamoDbStreamPoller poller;
    private final StreamActivity activity;
    private final AtomicBoolean inFlight = new AtomicBoolean();
    private int failedRounds;

    StreamRuntime(StreamDefinition stream, DynamoDbStreamPoller poller, StreamActivity activity) {
        this.stream = stream;
        this.poller = poller;
        this.activity = activity;
    }

    StreamDefinition stream() {
        return stream;
    }

    DynamoDbStreamPoller poller() {
        return poller;
    }

    /** Claims the stream for a round; {@code false} when one is in flight. */
    boolean tryBeginRound() {
        return inFlight.compareAndSet(false, true);
    }

    void endRound() {
        inFlight.set(false);
    }

    /**
     * Runs one round on the calling thread.
     *
     * @param running whether the container still runs; a round that fails because it stops is not a failure
     * @return whether the round left records behind, so that the next one is due at once
     */
    boolean runRound(BooleanSupplier running) {
        try {
            PollResult result = poller.fetchStreamState();
            activity.roundEnded(result);
            if (failedRounds > 0) {
                log.info("Reading stream '{}' works again after {} failed rounds", stream.name(), failedRounds);
                failedRounds = 0;
            }
            return !result.caughtUp() && result.failedShards().isEmpty() && result.streamProblem() == null;
        } catch (StreamUnavailableException e) {
            failed(StreamState.UNAVAILABLE, e);
        } catch (RuntimeException e) {
            if (running.getAsBoolean()) {
                failed(StreamState.FAILED, e);
            }
        } catch (Error e) {
            failed(StreamState.FAILED, e);
            throw e;
        }
        return false;
    }

    private void failed(StreamState state, Throwable failure) {
        activity.failed(state, String.valueOf(failure.getMessage()));
        if (failedRounds++ == 0) {
            log.error("Reading stream '{}' (table {}) failed; it is tried again every poll interval ({})",
                    stream.name(), stream.tableName(), stream.pollInterval(), failure);
        } else {
            log.debug("Round {} in a row on stream '{}' failed", failedRounds, stream.name(), failure);
        }
    }
}
