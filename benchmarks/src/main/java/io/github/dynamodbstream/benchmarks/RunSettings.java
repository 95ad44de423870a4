package io.github.dynamodbstream.benchmarks;

import java.time.Duration;
import java.util.List;

/**
 * The sizes of a run. {@link #full()} is what the issue asks for; {@link #quick()} runs every scenario in a few
 * minutes with smaller counts, for development.
 *
 * @param mode {@code full} or {@code quick}
 * @param throughputItems items written in a throughput pass, and in the warm-up pass each contender runs first, not
 *        reported, so that the JVM has warmed up the paths measured (after a smaller warm-up the first measured pass
 *        still cost more CPU per record than the later ones)
 * @param throughputRepeats measured passes of each contender in each mode, taking turns; the median is reported
 * @param throughputShards open shards of the throughput stream
 * @param writerThreads threads writing with {@code BatchWriteItem}
 * @param throughputPollInterval poll interval of every contender in the throughput passes
 * @param latencyWritesPerSecond steady write rate of the latency passes
 * @param latencyDuration how long the steady writes go on
 * @param latencyPollIntervals the intervals compared, every contender at the same one
 * @param rotationDuration how long the writes of the rotation pass go on (the shards rotate halfway)
 * @param idleWindow how long the idle contender is watched
 * @param idleShards open shards of the idle stream
 * @param scaleShardCounts shards of history of the scale streams
 * @param startupRuns start-ups of each variant
 */
public record RunSettings(
        String mode,
        int throughputItems,
        int throughputRepeats,
        int throughputShards,
        int writerThreads,
        Duration throughputPollInterval,
        int latencyWritesPerSecond,
        Duration latencyDuration,
        List<Duration> latencyPollIntervals,
        Duration rotationDuration,
        Duration idleWindow,
        int idleShards,
        List<Integer> scaleShardCounts,
        int startupRuns) {

    public static RunSettings full() {
        return new RunSettings("full", 100_000, 7, 8, 4, Duration.ofMillis(200), 100, Duration.ofSeconds(60),
                List.of(Duration.ofSeconds(1), Duration.ofMillis(200)), Duration.ofSeconds(20),
                Duration.ofSeconds(60), 8, List.of(1_000, 10_000), 10);
    }

    public static RunSettings quick() {
        return new RunSettings("quick", 10_000, 2, 8, 4, Duration.ofMillis(200), 100, Duration.ofSeconds(10),
                List.of(Duration.ofSeconds(1), Duration.ofMillis(200)), Duration.ofSeconds(10),
                Duration.ofSeconds(6), 8, List.of(1_000), 3);
    }
}
