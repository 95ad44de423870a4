package io.github.dynamodbstream.core.internal.round;

import io.github.dynamodbstream.core.DataLoss;
import io.github.dynamodbstream.core.PollResult;
import io.github.dynamodbstream.core.ShardFailure;
import io.github.dynamodbstream.core.internal.read.ShardReadResult;
import io.github.dynamodbstream.core.record.ChangeType;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Adds up what a round did. Used by the round's coordinator thread only. */
final class RoundTally {

    private static final ChangeType[] TYPES = ChangeType.values();

    private final int[] delivered = new int[TYPES.length];
    private final List<String> newShards = new ArrayList<>();
    private final List<String> finishedShards = new ArrayList<>();
    private final List<ShardFailure> failures = new ArrayList<>();
    private final List<DataLoss> dataLosses = new ArrayList<>();
    private int shardsRead;
    private int skipped;
    private int malformed;
    private boolean caughtUp = true;
    private String streamProblem;

    void add(ShardReadResult read) {
        int[] counts = read.delivered();
        for (int i = 0; i < counts.length; i++) {
            delivered[i] += counts[i];
        }
        if (read.calls() > 0) {
            shardsRead++;
        }
        skipped += read.skipped();
        malformed += read.malformed();
        switch (read.end()) {
            case CAUGHT_UP, GONE -> { }
            case FINISHED -> finishedShards.add(read.shard().shardId());
            case FAILED -> {
                failures.add(read.failure());
                caughtUp = false;
            }
            case CAP_REACHED, STOPPED -> caughtUp = false;
        }
    }

    void newShards(List<String> shardIds) {
        newShards.addAll(shardIds);
    }

    void dataLoss(DataLoss loss) {
        dataLosses.add(loss);
    }

    void failure(ShardFailure failure) {
        failures.add(failure);
        caughtUp = false;
    }

    void notCaughtUp() {
        caughtUp = false;
    }

    void streamProblem(String problem) {
        streamProblem = problem;
    }

    PollResult result() {
        Map<ChangeType, Integer> byType = new EnumMap<>(ChangeType.class);
        for (ChangeType type : TYPES) {
            byType.put(type, delivered[type.ordinal()]);
        }
        return new PollResult(byType, shardsRead, newShards, finishedShards, failures, dataLosses, skipped, malformed,
                caughtUp, streamProblem);
    }
}
