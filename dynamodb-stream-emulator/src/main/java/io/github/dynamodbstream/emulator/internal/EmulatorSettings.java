package io.github.dynamodbstream.emulator.internal;

import java.time.Duration;

/**
 * The options an emulator was built with.
 *
 * @param region region named in ARNs and records
 * @param accountId account id named in ARNs
 * @param shardsPerStream number of open shards a new stream starts with
 * @param iteratorLifetime how long a shard iterator stays valid
 * @param retention how long stream records are kept
 * @param rotationInterval how often every open shard is closed and replaced by a child, {@code null} for never
 * @param maxReadersPerShard distinct readers of one shard allowed at once, 0 for no limit
 * @param emptyPageRate probability, from 0 to 1, that a GetRecords call answers an empty page although
 *        records lie further on
 * @param seed seed of the emulator's random choices (empty pages, shard ids)
 * @param statusDelay how long a table stays CREATING or UPDATING and a stream ENABLING or DISABLING before
 *        its status settles, on the emulator's clock; zero for at once
 */
public record EmulatorSettings(
        String region,
        String accountId,
        int shardsPerStream,
        Duration iteratorLifetime,
        Duration retention,
        Duration rotationInterval,
        int maxReadersPerShard,
        double emptyPageRate,
        long seed,
        Duration statusDelay) {
}
