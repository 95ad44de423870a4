package io.github.dynamodbstream.samples.replica;

import java.math.BigDecimal;

/**
 * An item of the {@code orders} table; the starter maps items to it with Jackson
 * ({@code dynamodb.stream.item-type}), from the table's attributes of the same names.
 *
 * @param id the partition key
 * @param customer who ordered
 * @param status where the order is: {@code NEW}, {@code PAID}, {@code SHIPPED}
 * @param total the amount
 * @param version incremented by every change
 */
public record Order(String id, String customer, String status, BigDecimal total, Long version) {
}
