package io.github.dynamodbstream.spring.poller;

import io.github.dynamodbstream.core.DataLoss;
import io.github.dynamodbstream.core.RemovedShard;
import io.github.dynamodbstream.core.StreamListener;
import io.github.dynamodbstream.core.failure.BatchListenerFailedException;
import io.github.dynamodbstream.core.record.ChangeRecord;
import io.github.dynamodbstream.core.record.MalformedRecordException;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * Passes every callback to the feeds of a stream first, then to the application's listener. For record listeners,
 * records go one at a time, so that when the application hears of a change, the feeds have taken in that change and
 * none after it, and an exception names the record it came from; for batch listeners, the feeds take the whole batch
 * before the application does. An exception stops the callback there, and the poller delivers the failed record
 * again.
 */
final class FeedingStreamListener implements StreamListener {

    private final List<StreamListener> feeds;
    private final StreamListener application;
    private final boolean batches;

    /**
     * @param batches whether the application receives whole batches ({@code listener-mode: batch})
     */
    FeedingStreamListener(List<StreamListener> feeds, StreamListener application, boolean batches) {
        this.feeds = List.copyOf(feeds);
        this.application = application;
        this.batches = batches;
    }

    @Override
    public void onBatch(List<ChangeRecord> records) {
        if (batches) {
            feeds.forEach(feed -> feed.onBatch(records));
            application.onBatch(records);
            return;
        }
        for (ChangeRecord record : records) {
            List<ChangeRecord> one = List.of(record);
            try {
                feeds.forEach(feed -> feed.onBatch(one));
                application.onBatch(one);
            } catch (BatchListenerFailedException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new BatchListenerFailedException(record, e);
            }
        }
    }

    @Override
    public void onNewShards(List<String> shardIds) {
        feeds.forEach(feed -> feed.onNewShards(shardIds));
        application.onNewShards(shardIds);
    }

    @Override
    public void onRemovedShards(List<RemovedShard> shards) {
        feeds.forEach(feed -> feed.onRemovedShards(shards));
        application.onRemovedShards(shards);
    }

    @Override
    public void onDataLoss(DataLoss dataLoss) {
        feeds.forEach(feed -> feed.onDataLoss(dataLoss));
        application.onDataLoss(dataLoss);
    }

    @Override
    public void onMalformedRecord(String shardId, Record record, MalformedRecordException problem) {
        feeds.forEach(feed -> feed.onMalformedRecord(shardId, record, problem));
        application.onMalformedRecord(shardId, record, problem);
    }
}
