package io.github.dynamodbstream.core.internal.replica;

import io.github.dynamodbstream.core.replica.ReplicaState;

/**
 * When a replica scans and when it is ready. The scan starts after the first round in which no shard failed: every
 * shard then has its bookmark, so every change after the scan's start is in what the stream delivers. The replica is
 * ready after a round that started once the scan had ended and read every shard to its tip. Rounds are reported one
 * at a time, after they end and before the next one starts, so the round in progress when the scan ends is the one
 * after the last reported; the first round sure to start after the scan is the one after that.
 */
final class Readiness {

    /** What the replica does after a round. */
    enum Step { NOTHING, START_SCAN, BECOME_READY }

    private ReplicaState state = ReplicaState.NEW;
    private long roundsReported;
    private long roundsAtScanEnd;

    synchronized ReplicaState state() {
        return state;
    }

    synchronized void begin() {
        if (state != ReplicaState.NEW) {
            throw new IllegalStateException("The replica was already started (it is " + state + ")");
        }
        state = ReplicaState.BOOKMARKING;
    }

    synchronized Step roundEnded(boolean noShardFailed, boolean caughtUp) {
        roundsReported++;
        if (state == ReplicaState.BOOKMARKING && noShardFailed) {
            state = ReplicaState.SCANNING;
            return Step.START_SCAN;
        }
        if (state == ReplicaState.CATCHING_UP && caughtUp && roundsReported >= roundsAtScanEnd + 2) {
            state = ReplicaState.READY;
            return Step.BECOME_READY;
        }
        return Step.NOTHING;
    }

    synchronized void scanEnded() {
        if (state == ReplicaState.SCANNING) {
            state = ReplicaState.CATCHING_UP;
            roundsAtScanEnd = roundsReported;
        }
    }

    /** Moves to a final state; returns whether it was not in one already. */
    synchronized boolean end(ReplicaState end) {
        if (state == ReplicaState.FAILED || state == ReplicaState.CLOSED) {
            return false;
        }
        state = end;
        return true;
    }
}
