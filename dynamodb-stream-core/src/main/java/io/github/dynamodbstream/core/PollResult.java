package io.github.dynamodbstream.core;

import io.github.dynamodbstream.core.record.ChangeType;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one round ({@link DynamoDbStreamPoller#fetchStreamState()}) did.
 *
 * @param recordsByType records the listener accepted, by change type (every type present, zero when none)
 * @param shardsRead shards read in the round (at least one {@code GetRecords} call)
 * @param newShards shards found in the round
 * @param finishedShards shards read to their end and acknowledged in the round
 * @param failedShards shards that could not be read to the end of the round, and why; they are read again next round
 * @param dataLosses records lost before they could be read
 * @param recordsSkipped records given up on after the listener failed on them
 * @param malformedRecords records that could not be read and were skipped
 * @param caughtUp whether every readable shard was read to its tip (or end) without failure: there was nothing more
 *        to read when the round ended
 * @param streamProblem a problem with the stream as a whole (for example: disabled, or its table deleted), or
 *        {@code null}
 */
public record PollResult(
        Map<ChangeType, Integer> recordsByType,
        int shardsRead,
        List<String> newShards,
        List<String> finishedShards,
        List<ShardFailure> failedShards,
        List<DataLoss> dataLosses,
        int recordsSkipped,
        int malformedRecords,
        boolean caughtUp,
        String streamProblem) {

    public PollResult {
        EnumMap<ChangeType, Integer> counts = new EnumMap<>(ChangeType.class);
        for (ChangeType type : ChangeType.values()) {
            counts.put(type, recordsByType.getOrDefault(type, 0));
        }
        recordsByType = Collections.unmodifiableMap(counts);
        newShards = List.copyOf(newShards);
        finishedShards = List.copyOf(finishedShards);
        failedShards = List.copyOf(failedShards);
        dataLosses = List.copyOf(dataLosses);
    }

    /** Records the listener accepted, all types together. */
    public int recordsDelivered() {
        return recordsByType.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Records of one change type the listener accepted. */
    public int recordsDelivered(ChangeType type) {
        return recordsByType.get(type);
    }

    /** Whether some shard failed, records were lost or skipped, or the stream has a problem. */
    public boolean hasProblems() {
        return !failedShards.isEmpty() || !dataLosses.isEmpty() || recordsSkipped > 0 || streamProblem != null;
    }

    /** A problem with the stream as a whole, if any (for example: disabled, or its table deleted). */
    public Optional<String> streamProblemMessage() {
        return Optional.ofNullable(streamProblem);
    }
}
