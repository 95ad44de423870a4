package io.github.dynamodbstream.core.poller;

import io.github.dynamodbstream.core.DataLoss;
import io.github.dynamodbstream.core.RemovedShard;
import io.github.dynamodbstream.core.StreamListener;
import io.github.dynamodbstream.core.record.ChangeRecord;
import io.github.dynamodbstream.core.record.ChangeType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps everything a poller delivers, from any thread. */
class RecordingListener implements StreamListener {

    final List<ChangeRecord> records = new CopyOnWriteArrayList<>();
    final List<String> newShards = new CopyOnWriteArrayList<>();
    final List<RemovedShard> removedShards = new CopyOnWriteArrayList<>();
    final List<DataLoss> dataLosses = new CopyOnWriteArrayList<>();
    final Set<String> threads = ConcurrentHashMap.newKeySet();

    @Override
    public void onBatch(List<ChangeRecord> batch) {
        threads.add(Thread.currentThread().getName());
        StreamListener.super.onBatch(batch);
    }

    @Override
    public void onInsert(ChangeRecord record) {
        records.add(record);
    }

    @Override
    public void onModify(ChangeRecord record) {
        records.add(record);
    }

    @Override
    public void onRemove(ChangeRecord record) {
        records.add(record);
    }

    @Override
    public void onNewShards(List<String> shardIds) {
        newShards.addAll(shardIds);
    }

    @Override
    public void onRemovedShards(List<RemovedShard> shards) {
        removedShards.addAll(shards);
    }

    @Override
    public void onDataLoss(DataLoss dataLoss) {
        dataLosses.add(dataLoss);
    }

    /** Versions delivered per item, in delivery order; a removal is -1. */
    Map<String, List<Integer>> versionsById() {
        Map<String, List<Integer>> versions = new LinkedHashMap<>();
        for (ChangeRecord record : records) {
            String id = record.keys().get("id").s();
            int version = record.type() == ChangeType.REMOVE ? -1 : Integer.parseInt(record.newImage().get("v").n());
            versions.computeIfAbsent(id, key -> new ArrayList<>()).add(version);
        }
        return versions;
    }

    /** Versions per item without repeats of the same change (a replayed batch delivers changes again). */
    Map<String, List<Integer>> distinctVersionsById() {
        Map<String, List<Integer>> versions = new LinkedHashMap<>();
        Set<String> seen = ConcurrentHashMap.newKeySet();
        for (ChangeRecord record : records) {
            if (!seen.add(record.shardId() + "/" + record.sequenceNumber())) {
                continue;
            }
            String id = record.keys().get("id").s();
            int version = record.type() == ChangeType.REMOVE ? -1 : Integer.parseInt(record.newImage().get("v").n());
            versions.computeIfAbsent(id, key -> new ArrayList<>()).add(version);
        }
        return versions;
    }
}
