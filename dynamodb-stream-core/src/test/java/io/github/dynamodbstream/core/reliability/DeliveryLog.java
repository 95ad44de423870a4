package io.github.dynamodbstream.core.reliability;

import io.github.dynamodbstream.core.DataLoss;
import io.github.dynamodbstream.core.StreamListener;
import io.github.dynamodbstream.core.record.ChangeRecord;
import io.github.dynamodbstream.core.record.ChangeType;
import io.github.dynamodbstream.core.record.MalformedRecordException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.services.dynamodb.model.Record;

/** A listener that keeps every change delivered, malformed record and data loss, from any thread. */
class DeliveryLog implements StreamListener {

    /** One delivered change: item {@code id} at {@code version} ({@code -1} for a removal). */
    record Delivery(String shardId, String sequenceNumber, String id, int version, ChangeType type) {

        static Delivery of(ChangeRecord record) {
            int version = record.type() == ChangeType.REMOVE
                    ? -1 : Integer.parseInt(record.newImage().get("v").n());
            return new Delivery(record.shardId(), record.sequenceNumber(), record.keys().get("id").s(), version,
                    record.type());
        }

        String position() {
            return shardId + "/" + sequenceNumber;
        }
    }

    /** A record reported to {@link #onMalformedRecord}. */
    record Malformed(String shardId, Record record, MalformedRecordException problem) {
    }

    final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    final List<Malformed> malformed = new CopyOnWriteArrayList<>();
    final List<DataLoss> dataLosses = new CopyOnWriteArrayList<>();

    @Override
    public void onBatch(List<ChangeRecord> records) {
        for (ChangeRecord record : records) {
            deliveries.add(Delivery.of(record));
        }
    }

    @Override
    public void onMalformedRecord(String shardId, Record record, MalformedRecordException problem) {
        malformed.add(new Malformed(shardId, record, problem));
    }

    @Override
    public void onDataLoss(DataLoss dataLoss) {
        dataLosses.add(dataLoss);
    }

    /** Versions per item in delivery order, every delivery counted. */
    Map<String, List<Integer>> versionsById() {
        Map<String, List<Integer>> versions = new LinkedHashMap<>();
        for (Delivery delivery : deliveries) {
            versions.computeIfAbsent(delivery.id(), key -> new ArrayList<>()).add(delivery.version());
        }
        return versions;
    }

    /** Versions per item in delivery order, each change (shard and sequence number) once. */
    Map<String, List<Integer>> distinctVersionsById() {
        Map<String, List<Integer>> versions = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (Delivery delivery : deliveries) {
            if (seen.add(delivery.position())) {
                versions.computeIfAbsent(delivery.id(), key -> new ArrayList<>()).add(delivery.version());
            }
        }
        return versions;
    }

    /** Deliveries of a change delivered before. */
    int duplicates() {
        Set<String> seen = new HashSet<>();
        int duplicates = 0;
        for (Delivery delivery : deliveries) {
            if (!seen.add(delivery.position())) {
                duplicates++;
            }
        }
        return duplicates;
    }
}
