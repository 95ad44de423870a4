package io.github.dynamodbstream.core.internal.delivery;

import io.github.dynamodbstream.core.PollerObserver;
import io.github.dynamodbstream.core.StreamListener;
import io.github.dynamodbstream.core.failure.BatchListenerFailedException;
import io.github.dynamodbstream.core.failure.DeadLetter;
import io.github.dynamodbstream.core.failure.ListenerFailureMode;
import io.github.dynamodbstream.core.internal.retry.Backoff;
import io.github.dynamodbstream.core.record.ChangeRecord;
import io.github.dynamodbstream.core.record.ChangeType;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the records of one shard with per-record failure isolation, the one delivery path of both coordination
 * modes. When the listener fails on record <i>k</i> of a batch, the records before <i>k</i> are acknowledged,
 * <i>k</i> alone is tried again with the backoff until {@code retry.maxAttempts()} attempts on it are spent, then
 * given up on ({@code SKIP}, {@code DEAD_LETTER}, or a record older than the maximum record age) or kept
 * ({@code BLOCK}); the records after <i>k</i> wait until it is delivered or given up on, so the changes of one item
 * stay in order.
 *
 * <p>The position of <i>k</i> is known when the listener names it with a {@link BatchListenerFailedException}, as
 * {@link StreamListener#onBatch}'s default does for record listeners. When a batch listener throws anything else,
 * the batch is split in halves, delivered half by half, until the record that fails alone is found: the call that
 * fails on it alone is its first attempt. An {@link Error} is not retried: it goes up to the caller.
 */
public final class DeliveryPolicy {

    private static final Logger log = LoggerFactory.getLogger(DeliveryPolicy.class);
    private static final ChangeType[] TYPES = ChangeType.values();

    private final StreamListener listener;
    private final DeliveryRules rules;
    private final PollerObserver observer;
    private final Clock clock;

    public DeliveryPolicy(StreamListener listener, DeliveryRules rules, PollerObserver observer, Clock clock) {
        this.listener = listener;
        this.rules = rules;
        this.observer = observer;
        this.clock = clock;
    }

    /**
     * Delivers a batch of one shard.
     *
     * @param shardId the shard
     * @param records the records, in sequence-number order, at least one
     * @param stopping tells whether the poller is stopping: no more retries then
     * @return how far the batch is acknowledged
     */
    public DeliveryResult deliver(String shardId, List<ChangeRecord> records, BooleanSupplier stopping) {
        return new Delivery(shardId, records, stopping).run();
    }

    /** What became of a failing record's attempts. */
    private enum Retried { DELIVERED, SPENT, STOPPED }

    /** A failed call: the position of the failed record in the list given, -1 when unknown, and the cause. */
    private record Failure(int index, Throwable cause) {
    }

    /** The delivery of one batch. */
    private final class Delivery {

        private final String shardId;
        private final List<ChangeRecord> records;
        private final BooleanSupplier stopping;
        private final List<ChangeRecord> pending;
        private final int[] origin;
        private final int[] delivered = new int[TYPES.length];
        private int next;
        private int skipped;
        private Throwable failure;

        Delivery(String shardId, List<ChangeRecord> records, BooleanSupplier stopping) {
            this.shardId = shardId;
            this.records = records;
            this.stopping = stopping;
            this.pending = new ArrayList<>(records.size());
            this.origin = new int[records.size()];
            for (int i = 0; i < records.size(); i++) {
                if (passes(records.get(i))) {
                    origin[pending.size()] = i;
                    pending.add(records.get(i));
                }
            }
        }

        DeliveryResult run() {
            while (next < pending.size()) {
                Failure failed = attempt(pending.subList(next, pending.size()));
                if (failed == null) {
                    next = pending.size();
                    break;
                }
                int at = failed.index() >= 0 ? next + failed.index() : locate(failed.cause());
                if (at < 0) {
                    next = pending.size();
                    break;
                }
                next = at;
                ChangeRecord record = pending.get(at);
                Retried retried = retryAlone(record);
                if (retried == Retried.STOPPED || (retried == Retried.SPENT && !giveUp(record))) {
                    return result(true);
                }
                next = at + 1;
            }
            return result(false);
        }

        private DeliveryResult result(boolean blocked) {
            int acknowledged = next < pending.size() ? origin[next] : records.size();
            int filtered = acknowledged - Math.min(next, pending.size());
            if (filtered > 0) {
                observer.recordsFiltered(shardId, filtered);
            }
            return new DeliveryResult(acknowledged, delivered, skipped, filtered, blocked, failure);
        }

        /**
         * Finds the failing record of {@code pending[next..]} by halves, delivering the halves that succeed.
         *
         * @return its position in {@code pending}, or -1 when every record was delivered after all
         */
        private int locate(Throwable cause) {
            int from = next;
            int to = pending.size();
            while (to - from > 1) {
                int middle = from + (to - from) / 2;
                Failure left = attempt(pending.subList(from, middle));
                if (left != null) {
                    if (left.index() >= 0) {
                        return from + left.index();
                    }
                    to = middle;
                    continue;
                }
                from = middle;
                next = middle;
                Failure right = attempt(pending.subList(from, to));
                if (right == null) {
                    next = to;
                    return to < pending.size() ? locateRest() : -1;
                }
                if (right.index() >= 0) {
                    return from + right.index();
                }
            }
            return from;
        }

        /** The records after a located range were never tried in this call; try them as a batch again. */
        private int locateRest() {
            Failure rest = attempt(pending.subList(next, pending.size()));
            if (rest == null) {
                return -1;
            }
            return rest.index() >= 0 ? next + rest.index() : locate(rest.cause());
        }

        /** Tries a failed record alone until it is delivered or its attempts are spent; its first attempt is past. */
        private Retried retryAlone(ChangeRecord record) {
            List<ChangeRecord> alone = List.of(record);
            for (int attempt = 2; attempt <= rules.retry().maxAttempts(); attempt++) {
                if (stopping.getAsBoolean() || !Backoff.pause(rules.retry(), attempt - 1)) {
                    return Retried.STOPPED;
                }
                if (attempt(alone) == null) {
                    return Retried.DELIVERED;
                }
            }
            return Retried.SPENT;
        }

        /** Gives a record up as the rules say; {@code false} when it must stay unacknowledged. */
        private boolean giveUp(ChangeRecord record) {
            Duration maxAge = rules.maxRecordAge();
            boolean tooOld = maxAge != null && record.approximateCreationTime() != null
                    && Duration.between(record.approximateCreationTime(), clock.instant()).compareTo(maxAge) > 0;
            if (rules.failureMode() == ListenerFailureMode.BLOCK && !tooOld) {
                log.warn("Shard {} stays at sequence number {}: the listener failed {} times on that {} record; it is "
                        + "tried again next round", shardId, record.sequenceNumber(), rules.retry().maxAttempts(),
                        record.type(), failure);
                return false;
            }
            try {
                if (rules.failureMode() == ListenerFailureMode.DEAD_LETTER) {
                    rules.deadLetters().write(DeadLetter.of(record, rules.consumerName(), failure, clock.instant()));
                }
                rules.failedRecordHandler().handle(List.of(record), failure);
            } catch (RuntimeException handlerFailure) {
                handlerFailure.addSuppressed(failure);
                log.warn("The {} record of shard {} at sequence number {} could not be given up on{}; the shard stays "
                        + "at it", record.type(), shardId, record.sequenceNumber(),
                        rules.failureMode() == ListenerFailureMode.DEAD_LETTER ? " (dead letter not written)" : "",
                        handlerFailure);
                failure = handlerFailure;
                return false;
            }
            if (tooOld && rules.failureMode() == ListenerFailureMode.BLOCK) {
                log.warn("Gave up on the {} record of shard {} at sequence number {}: it is older than the maximum "
                        + "record age {}", record.type(), shardId, record.sequenceNumber(), maxAge);
            }
            skipped++;
            observer.recordsSkipped(shardId, 1);
            return true;
        }

        /** Hands records to the listener once; {@code null} when it accepted them. */
        private Failure attempt(List<ChangeRecord> batch) {
            try {
                listener.onBatch(batch);
            } catch (BatchListenerFailedException e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                int index = e.indexIn(batch);
                failed(batch, index >= 0 ? batch.get(index) : null, cause);
                if (index > 0) {
                    acknowledge(batch.subList(0, index));
                }
                return new Failure(index, cause);
            } catch (RuntimeException e) {
                failed(batch, batch.size() == 1 ? batch.get(0) : null, e);
                return new Failure(batch.size() == 1 ? 0 : -1, e);
            }
            acknowledge(batch);
            return null;
        }

        private void failed(List<ChangeRecord> batch, ChangeRecord record, Throwable cause) {
            failure = cause;
            observer.listenerFailed(shardId, cause);
            if (record != null) {
                log.warn("The listener failed on the {} record of shard {} at sequence number {}: {}", record.type(),
                        shardId, record.sequenceNumber(), cause.toString());
            } else {
                log.warn("The listener failed on {} records of shard {} (sequence numbers {} to {}) without naming "
                        + "the record; splitting the batch to find it: {}", batch.size(), shardId,
                        batch.get(0).sequenceNumber(), batch.get(batch.size() - 1).sequenceNumber(), cause.toString());
            }
        }

        private void acknowledge(List<ChangeRecord> batch) {
            int[] counts = new int[TYPES.length];
            for (ChangeRecord record : batch) {
                counts[record.type().ordinal()]++;
            }
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] > 0) {
                    delivered[i] += counts[i];
                    observer.recordsDelivered(shardId, TYPES[i], counts[i]);
                }
            }
        }

        private boolean passes(ChangeRecord record) {
            try {
                return rules.filter().test(record);
            } catch (RuntimeException e) {
                log.warn("The filter failed on the {} record of shard {} at sequence number {}; delivering the record: "
                        + "{}", record.type(), shardId, record.sequenceNumber(), e.toString());
                return true;
            }
        }
    }
}
