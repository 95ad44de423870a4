package io.github.dynamodbstream.spring.reliability;

import io.github.dynamodbstream.core.checkpoint.ShardCheckpoint;
import io.github.dynamodbstream.test.checkpoint.AcknowledgementLedger;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One consumer process of the campaign: one Spring application context. Once it {@link #die() dies}, it can no
 * longer deliver anything nor write anything to the checkpoint store, as a killed process: every listener call and
 * every checkpoint write throws a {@link SimulatedCrash} (it is the guard of its checkpoint store's writes). Its
 * threads are then reclaimed by closing the context, which can change nothing any more.
 */
final class Generation implements AcknowledgementLedger.WriteGuard {

    private final int number;
    private final AtomicBoolean dead = new AtomicBoolean();
    /** Deliveries left before the armed crash; negative when none is armed. */
    private final AtomicInteger crashAfterDeliveries = new AtomicInteger(-1);
    private final AtomicBoolean crashOnNextSave = new AtomicBoolean();
    private final AtomicInteger failNextDeliveries = new AtomicInteger();
    private int poisonArmed;
    private String poisonPosition;
    private int poisonFailuresLeft;
    private int poisonRecords;

    Generation(int number) {
        this.number = number;
    }

    int number() {
        return number;
    }

    boolean isDead() {
        return dead.get();
    }

    /** Kills the process now; {@code true} for the call that killed it. */
    boolean die() {
        return dead.compareAndSet(false, true);
    }

    /** Arms a crash in the listener, after it processed this many more changes. */
    void armCrashAfter(int deliveries) {
        crashAfterDeliveries.set(deliveries);
    }

    /** Whether the armed crash is to happen at this delivery (once). */
    boolean takeCrashAtDelivery() {
        return crashAfterDeliveries.getAndUpdate(left -> left >= 0 ? left - 1 : left) == 0;
    }

    @Override
    public void beforeSave(ShardCheckpoint checkpoint) {
        if (checkpoint.sequenceNumber() != null && takeCrashOnSave()) {
            die();
            throw new SimulatedCrash("before the checkpoint of shard " + checkpoint.shardId() + " was written");
        }
        if (isDead()) {
            throw new SimulatedCrash("(a dead consumer writes no checkpoint)");
        }
    }

    @Override
    public void beforeRemove(String shardId) {
        if (isDead()) {
            throw new SimulatedCrash("(a dead consumer removes no checkpoint)");
        }
    }

    void armCrashOnNextSave() {
        crashOnNextSave.set(true);
    }

    private boolean takeCrashOnSave() {
        return crashOnNextSave.compareAndSet(true, false);
    }

    void failNextDeliveries(int deliveries) {
        failNextDeliveries.addAndGet(deliveries);
    }

    boolean takeDeliveryFailure() {
        return failNextDeliveries.getAndUpdate(left -> Math.max(0, left - 1)) > 0;
    }

    /** The next change delivered becomes a poison record: the listener throws on it {@code failures} times. */
    synchronized void poisonNext(int failures) {
        poisonArmed = failures;
    }

    /** Whether the listener must throw on the change at this position (a poison record that still fails). */
    synchronized boolean poisoned(String position) {
        if (poisonArmed > 0 && poisonFailuresLeft == 0) {
            poisonPosition = position;
            poisonFailuresLeft = poisonArmed;
            poisonArmed = 0;
            poisonRecords++;
        }
        if (poisonFailuresLeft > 0 && position.equals(poisonPosition)) {
            poisonFailuresLeft--;
            return true;
        }
        return false;
    }

    /** Changes that were poison records for a while. */
    synchronized int poisonRecords() {
        return poisonRecords;
    }

    /** Disarms every armed crash; {@code true} when none had fired yet (they are now off for good). */
    boolean disarm() {
        boolean batchArmed = crashAfterDeliveries.getAndSet(-1) >= 0;
        boolean saveArmed = crashOnNextSave.getAndSet(false);
        failNextDeliveries.set(0);
        synchronized (this) {
            poisonArmed = 0;
            poisonFailuresLeft = 0;
        }
        return batchArmed || saveArmed;
    }
}
