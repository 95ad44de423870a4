package io.github.dynamodbstream.benchmarks.support;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The item every benchmark writes: about 200 bytes, keyed by a numeric {@code id}. The starter maps stream records
 * to it; the other contenders read only its key.
 *
 * @param id the partition key, unique within a run
 * @param customer who ordered
 * @param amount the order's amount in cents
 * @param status where the order stands
 * @param note free text that brings the item to about 200 bytes
 */
public record OrderItem(long id, String customer, long amount, String status, String note) {

    private static final String NOTE = "Leave the parcel at the back door; ring twice and wait. "
            + "Fragile: glassware inside, keep upright. Invoice goes to the accounts team, not the buyer.";

    /** The item written for an id. */
    public static Map<String, AttributeValue> attributes(long id) {
        return Map.of(
                "id", AttributeValue.fromN(Long.toString(id)),
                "customer", AttributeValue.fromS("customer-" + (id % 1000)),
                "amount", AttributeValue.fromN(Long.toString(100 + id % 10_000)),
                "status", AttributeValue.fromS("PLACED"),
                "note", AttributeValue.fromS(NOTE));
    }

    /** The id of an item from its key attributes. */
    public static long id(Map<String, AttributeValue> keys) {
        return Long.parseLong(keys.get("id").n());
    }
}
