package io.github.dynamodbstream.emulator.internal.stream;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One item change, with both images in full; the stream keeps what its view type says.
 *
 * @param eventName INSERT, MODIFY or REMOVE
 * @param keys the item's key attributes, in DynamoDB JSON
 * @param oldImage the item before the change, {@code null} for INSERT
 * @param newImage the item after the change, {@code null} for REMOVE
 * @param timeToLive whether the change is a deletion by Time to Live (the record then names the service as user)
 * @param partitionKey the partition key value rendered as a string, for routing to a shard
 */
public record Change(
        String eventName,
        ObjectNode keys,
        ObjectNode oldImage,
        ObjectNode newImage,
        boolean timeToLive,
        String partitionKey) {
}
