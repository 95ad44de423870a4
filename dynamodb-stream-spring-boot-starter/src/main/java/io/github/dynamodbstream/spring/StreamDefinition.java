package io.github.dynamodbstream.spring;

import io.github.dynamodbstream.core.StartingPosition;
import io.github.dynamodbstream.core.StreamArn;
import io.github.dynamodbstream.core.failure.ListenerFailureMode;
import io.github.dynamodbstream.core.failure.RetryBackoff;
import io.github.dynamodbstream.core.record.ChangeRecord;
import io.github.dynamodbstream.spring.mapping.ItemConverter;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * One stream the application reads, with every setting resolved: per-stream values, else the top-level
 * {@code dynamodb.stream.*} values, else the defaults; and the table name resolved to the stream's ARN.
 * Immutable.
 *
 * @param name the stream's name: its key under {@code dynamodb.stream.streams}, or the table name for the
 *        single-stream shorthand; events carry it
 * @param streamArn the stream's ARN
 * @param itemType the class items are mapped to, or {@code null} when items are plain maps
 * @param itemConverter maps the records' images to items of the events
 * @param startingPosition where a consumer without any checkpoint starts
 * @param pollInterval delay between the end of one poll and the start of the next
 * @param maxRecords maximum records per {@code GetRecords} call
 * @param shardDiscoveryInterval interval between two shard discoveries
 * @param consumerName the consumer name that keys the checkpoints
 * @param retry how often and how far apart a failed record is delivered again
 * @param onFailure what happens to a failed record once the retries are spent
 * @param maxRecordAge a failed record older than this is given up on whatever {@code onFailure} says, or
 *        {@code null} to keep retrying a record of any age
 * @param listenerMode whether changes are published one event each or one event per page
 * @param filter the records delivered; the others are acknowledged without delivery
 */
public record StreamDefinition(
        String name,
        StreamArn streamArn,
        Class<?> itemType,
        ItemConverter<?> itemConverter,
        StartingPosition startingPosition,
        Duration pollInterval,
        int maxRecords,
        Duration shardDiscoveryInterval,
        String consumerName,
        RetryBackoff retry,
        ListenerFailureMode onFailure,
        Duration maxRecordAge,
        ListenerMode listenerMode,
        Predicate<ChangeRecord> filter) {

    public StreamDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(streamArn, "streamArn");
        Objects.requireNonNull(itemConverter, "itemConverter");
        Objects.requireNonNull(startingPosition, "startingPosition");
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(shardDiscoveryInterval, "shardDiscoveryInterval");
        Objects.requireNonNull(consumerName, "consumerName");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(onFailure, "onFailure");
        Objects.requireNonNull(listenerMode, "listenerMode");
        Objects.requireNonNull(filter, "filter");
    }

    /** The name of the table whose changes the stream carries. */
    public String tableName() {
        return streamArn.tableName();
    }
}
