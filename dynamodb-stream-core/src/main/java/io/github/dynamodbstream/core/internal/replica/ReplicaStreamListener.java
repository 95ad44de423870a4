package io.github.dynamodbstream.core.internal.replica;

import io.github.dynamodbstream.core.DataLoss;
import io.github.dynamodbstream.core.StreamListener;
import io.github.dynamodbstream.core.record.ChangeRecord;
import java.util.List;

/**
 * Applies a poller's records to a replica, in the order of each shard. Returns normally once the replica failed or
 * closed, so that a poller shared with the application is never held up by the replica.
 */
final class ReplicaStreamListener implements StreamListener {

    private final ReplicaEngine<?> engine;

    ReplicaStreamListener(ReplicaEngine<?> engine) {
        this.engine = engine;
    }

    @Override
    public void onBatch(List<ChangeRecord> records) {
        engine.apply(records);
    }

    @Override
    public void onDataLoss(DataLoss dataLoss) {
        engine.dataLost(dataLoss);
    }
}
