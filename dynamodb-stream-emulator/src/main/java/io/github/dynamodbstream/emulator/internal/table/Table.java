package io.github.dynamodbstream.emulator.internal.table;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dynamodbstream.emulator.internal.ApiException;
import io.github.dynamodbstream.emulator.internal.ItemSize;
import io.github.dynamodbstream.emulator.internal.StatusTransition;
import io.github.dynamodbstream.emulator.internal.stream.Change;
import io.github.dynamodbstream.emulator.internal.stream.StreamRef;
import io.github.dynamodbstream.emulator.internal.stream.TableStreams;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;

/**
 * One table: its definition, its items in key order, its stream and its Time to Live setting. Every write goes
 * through {@link #write} so that item count, size, the Time to Live index and the stream stay in step.
 * Stored items are never changed; a write replaces them.
 */
final class Table {

    private final String name;
    private final String arn;
    private final String tableId = UUID.randomUUID().toString();
    private final KeyShape shape;
    private final ArrayNode keySchema;
    private ArrayNode attributeDefinitions;
    private final Instant creationTime;
    private String billingMode;
    private ObjectNode provisionedThroughput;
    private final List<SecondaryIndex> indexes;
    private final TableStreams streams;
    private final TreeMap<ItemKey, ObjectNode> items = new TreeMap<>();
    private long sizeBytes;
    private String streamViewType;
    private StreamRef latestStream;
    private TimeToLiveIndex timeToLive;
    private StatusTransition status;

    Table(TableDefinition definition, String arn, Instant creationTime, TableStreams streams,
            StatusTransition status) {
        this.name = definition.name();
        this.arn = arn;
        this.shape = definition.shape();
        this.keySchema = definition.keySchema();
        this.attributeDefinitions = definition.attributeDefinitions();
        this.billingMode = definition.billingMode();
        this.provisionedThroughput = definition.provisionedThroughput();
        this.indexes = new ArrayList<>(definition.indexes());
        this.creationTime = creationTime;
        this.streams = streams;
        this.status = status;
    }

    String name() {
        return name;
    }

    String arn() {
        return arn;
    }

    String tableId() {
        return tableId;
    }

    KeyShape shape() {
        return shape;
    }

    ArrayNode keySchema() {
        return keySchema;
    }

    ArrayNode attributeDefinitions() {
        return attributeDefinitions;
    }

    Instant creationTime() {
        return creationTime;
    }

    String billingMode() {
        return billingMode;
    }

    ObjectNode provisionedThroughput() {
        return provisionedThroughput;
    }

    void changeBilling(String mode, ObjectNode throughput) {
        billingMode = mode;
        provisionedThroughput = throughput;
    }

    List<SecondaryIndex> indexes() {
        return Collections.unmodifiableList(indexes);
    }

    /** Adds a global secondary index; the attribute definitions are the table's, with the index's keys. */
    void addIndex(SecondaryIndex index, ArrayNode definitions) {
        indexes.add(index);
        attributeDefinitions = definitions;
    }

    /** Replaces an index by a changed copy of it (same name). */
    void replaceIndex(SecondaryIndex index) {
        indexes.replaceAll(existing -> existing.name().equals(index.name()) ? index : existing);
    }

    /** Removes an index; the attribute definitions are what the remaining keys still use. */
    void removeIndex(String indexName, ArrayNode definitions) {
        indexes.removeIf(index -> index.name().equals(indexName));
        attributeDefinitions = definitions;
    }

    SecondaryIndex index(String indexName) {
        return indexes.stream()
                .filter(index -> index.name().equals(indexName))
                .findFirst()
                .orElseThrow(() -> ApiException.validation(
                        "The table does not have the specified index: " + indexName));
    }

    /** CREATING, UPDATING or ACTIVE at a moment on the emulator's clock. */
    String statusAt(long nowMillis) {
        return status.statusAt(nowMillis);
    }

    void changeStatus(StatusTransition transition) {
        status = transition;
    }

    long itemCount() {
        return items.size();
    }

    long sizeBytes() {
        return sizeBytes;
    }

    /** The items in key order; read-only use. */
    NavigableMap<ItemKey, ObjectNode> items() {
        return items;
    }

    ObjectNode get(ItemKey key) {
        return items.get(key);
    }

    /** The view type of the enabled stream, {@code null} when the table has no enabled stream. */
    String streamViewType() {
        return streamViewType;
    }

    /** The most recent stream, enabled or not, {@code null} when the table never had one. */
    StreamRef latestStream() {
        return latestStream;
    }

    void enableStream(String viewType) {
        latestStream = streams.enableStream(name, viewType, keySchema);
        streamViewType = viewType;
    }

    void disableStream() {
        streams.disableStream(latestStream.streamArn());
        streamViewType = null;
    }

    /** The Time to Live attribute name, {@code null} when Time to Live is disabled. */
    String timeToLiveAttribute() {
        return timeToLive == null ? null : timeToLive.attributeName();
    }

    void enableTimeToLive(String attributeName) {
        timeToLive = new TimeToLiveIndex(attributeName);
        items.forEach(timeToLive::update);
    }

    void disableTimeToLive() {
        timeToLive = null;
    }

    /** Deletes every item whose Time to Live lies before the instant, each with a Time to Live REMOVE record. */
    void expireItems(Instant now) {
        if (timeToLive == null) {
            return;
        }
        for (ItemKey key : timeToLive.expiredBefore(now)) {
            write(key, null, true);
        }
    }

    /**
     * Stores the new item under the key, or deletes the item when {@code newItem} is {@code null}, and appends
     * one stream record when this changed anything.
     *
     * @return the item stored before, {@code null} when there was none
     */
    ObjectNode write(ItemKey key, ObjectNode newItem, boolean byTimeToLive) {
        ObjectNode oldItem = items.get(key);
        if (Objects.equals(oldItem, newItem)) {
            return oldItem;
        }
        if (oldItem != null) {
            sizeBytes -= ItemSize.of(oldItem);
        }
        if (newItem == null) {
            items.remove(key);
        } else {
            items.put(key, newItem);
            sizeBytes += ItemSize.of(newItem);
        }
        if (timeToLive != null) {
            timeToLive.update(key, newItem);
        }
        if (streamViewType != null) {
            streams.append(latestStream.streamArn(), change(key, oldItem, newItem, byTimeToLive));
        }
        return oldItem;
    }

    private Change change(ItemKey key, ObjectNode oldItem, ObjectNode newItem, boolean byTimeToLive) {
        String eventName = oldItem == null ? "INSERT" : newItem == null ? "REMOVE" : "MODIFY";
        ObjectNode keys = shape.keyAttributes(newItem != null ? newItem : oldItem);
        return new Change(eventName, keys, oldItem, newItem, byTimeToLive, key.partition().text());
    }
}
