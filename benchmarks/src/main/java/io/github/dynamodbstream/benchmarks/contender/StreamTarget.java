package io.github.dynamodbstream.benchmarks.contender;

import java.net.URI;
import java.time.Duration;

/**
 * The stream a contender reads, and how often it polls.
 *
 * @param endpoint the emulator's endpoint
 * @param region the emulator's region
 * @param tableName the table whose stream is read
 * @param streamArn the stream's ARN
 * @param pollInterval pause after a poll that found nothing more to read
 * @param openShards open shards of the stream when the contender is prepared
 */
public record StreamTarget(URI endpoint, String region, String tableName, String streamArn, Duration pollInterval,
        int openShards) {
}
