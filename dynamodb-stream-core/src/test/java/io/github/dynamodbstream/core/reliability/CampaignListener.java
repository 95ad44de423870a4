package io.github.dynamodbstream.core.reliability;

import io.github.dynamodbstream.core.DataLoss;
import io.github.dynamodbstream.core.StreamListener;
import io.github.dynamodbstream.core.failure.BatchListenerFailedException;
import io.github.dynamodbstream.core.record.ChangeRecord;
import io.github.dynamodbstream.core.record.ChangeType;
import io.github.dynamodbstream.core.record.MalformedRecordException;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * The consumer of a campaign: records every change it processes with the consumer generation that processed it,
 * fails batches on demand (before processing any record), fails on a poison record on demand (after processing the
 * records before it, naming it), and crashes on demand in the middle of a batch, after processing some of its
 * records.
 */
final class CampaignListener implements StreamListener {

    /**
     * A processed change. {@code order} is the item's change number: {@code 2 * version} for the write of a version,
     * {@code 2 * version + 1} for the removal of that version, so that it grows with every change of the item.
     */
    record Delivery(int generation, String shardId, String sequenceNumber, String id, long order,
            boolean alreadyAcknowledged) {

        String position() {
            return shardId + "/" + sequenceNumber;
        }
    }

    final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    final List<String> problems = new CopyOnWriteArrayList<>();
    private final AcknowledgementLedger ledger;
    private final Random random;
    private final AtomicInteger failNextBatches = new AtomicInteger();
    private final AtomicBoolean crashInNextBatch = new AtomicBoolean();
    private final AtomicInteger poisonRecords = new AtomicInteger();
    private int poisonArmed;
    private String poisonPosition;
    private int poisonFailuresLeft;
    private final AtomicInteger crashes = new AtomicInteger();
    private volatile int generation;

    CampaignListener(AcknowledgementLedger ledger, Random random) {
        this.ledger = ledger;
        this.random = random;
    }

    static long order(ChangeRecord record) {
        if (record.type() == ChangeType.REMOVE) {
            return 2 * Long.parseLong(record.oldImage().get("v").n()) + 1;
        }
        return 2 * Long.parseLong(record.newImage().get("v").n());
    }

    void failNextBatches(int batches) {
        failNextBatches.addAndGet(batches);
    }

    void crashInNextBatch() {
        crashInNextBatch.set(true);
    }

    /** The next record processed becomes a poison record: the listener fails on it {@code failures} times. */
    synchronized void poisonNextRecord(int failures) {
        poisonArmed = failures;
    }

    void disarm() {
        failNextBatches.set(0);
        crashInNextBatch.set(false);
        synchronized (this) {
            poisonArmed = 0;
            poisonFailuresLeft = 0;
        }
    }

    /** Records that were poison records for a while. */
    int poisonRecords() {
        return poisonRecords.get();
    }

    void nextGeneration() {
        generation++;
    }

    int generation() {
        return generation;
    }

    int crashes() {
        return crashes.get();
    }

    @Override
    public void onBatch(List<ChangeRecord> records) {
        if (failNextBatches.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
            throw new IllegalStateException("injected listener failure");
        }
        int crashAt = crashInNextBatch.compareAndSet(true, false) ? nextInt(records.size()) : -1;
        for (int i = 0; i < records.size(); i++) {
            if (i == crashAt) {
                crashes.incrementAndGet();
                throw new SimulatedCrash("in the middle of a batch of " + records.size() + " records");
            }
            ChangeRecord record = records.get(i);
            if (poisoned(record)) {
                throw new BatchListenerFailedException(record, new IllegalStateException("injected poison record"));
            }
            deliveries.add(new Delivery(generation, record.shardId(), record.sequenceNumber(),
                    record.keys().get("id").s(), order(record),
                    ledger.isAcknowledged(record.shardId(), record.sequenceNumber())));
        }
    }

    private synchronized boolean poisoned(ChangeRecord record) {
        String position = record.shardId() + "/" + record.sequenceNumber();
        if (poisonArmed > 0 && poisonFailuresLeft == 0) {
            poisonPosition = position;
            poisonFailuresLeft = poisonArmed;
            poisonArmed = 0;
            poisonRecords.incrementAndGet();
        }
        if (poisonFailuresLeft > 0 && position.equals(poisonPosition)) {
            poisonFailuresLeft--;
            return true;
        }
        return false;
    }

    @Override
    public void onDataLoss(DataLoss dataLoss) {
        problems.add("data loss: " + dataLoss);
    }

    @Override
    public void onMalformedRecord(String shardId, Record record, MalformedRecordException problem) {
        problems.add("malformed record: " + problem.getMessage());
    }

    private int nextInt(int bound) {
        synchronized (random) {
            return random.nextInt(bound);
        }
    }
}
