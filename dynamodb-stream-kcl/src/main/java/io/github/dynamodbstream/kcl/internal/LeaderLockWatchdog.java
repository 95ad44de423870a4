package io.github.dynamodbstream.kcl.internal;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

/**
 * Frees the leader's lock when its owner stopped renewing it, which the Kinesis Client Library 3 does not do: its
 * leader election reads the lock item and treats a lock it did not acquire itself as held for as long as the item
 * is there, so after a leader dies without releasing it (a crash, a kill, a lost network) no other instance ever
 * becomes leader, and leases are no longer assigned: expired leases stay unprocessed and new shards are never
 * read.
 *
 * <p>Each {@link #check()} reads the lock item of the coordinator table ({@code key = "Leader"}). When its record
 * version number (renewed by the leader's every heartbeat) stayed the same for longer than the lock's duration, as
 * seen by this instance's own clock, the item is deleted on the condition that it still has that version: the next
 * instance to ask becomes leader. This is how the lock library itself judges a lock abandoned; a leader that is
 * alive changes the version every heartbeat and is never touched.
 */
public final class LeaderLockWatchdog {

    private static final Logger log = LoggerFactory.getLogger(LeaderLockWatchdog.class);
    private static final String KEY_ATTRIBUTE = "key";
    private static final String LEADER_KEY = "Leader";
    private static final String OWNER = "ownerName";
    private static final String VERSION = "recordVersionNumber";
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    private final DynamoDbAsyncClient dynamoDb;
    private final String coordinatorTable;
    private final Duration lockDuration;
    private final LongSupplier nanoTime;
    private String lastVersion;
    private long lastVersionSeenAt;

    /**
     * @param dynamoDb the client of the coordinator table
     * @param coordinatorTable KCL's coordinator state table, {@code <application name>-CoordinatorState}
     * @param lockDuration how long the leader's lock lasts without a heartbeat
     * @param nanoTime this instance's monotonic clock
     */
    public LeaderLockWatchdog(DynamoDbAsyncClient dynamoDb, String coordinatorTable, Duration lockDuration,
            LongSupplier nanoTime) {
        this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
        this.coordinatorTable = Objects.requireNonNull(coordinatorTable, "coordinatorTable");
        this.lockDuration = Objects.requireNonNull(lockDuration, "lockDuration");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    /**
     * Reads the lock once and frees it if it is abandoned; never throws (a failed read or write is tried again at
     * the next check).
     *
     * @return whether this check freed an abandoned lock
     */
    public synchronized boolean check() {
        try {
            GetItemResponse response = dynamoDb.getItem(request -> request.tableName(coordinatorTable)
                    .key(leaderKey()).consistentRead(true)).get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            AttributeValue version = response.hasItem() ? response.item().get(VERSION) : null;
            if (version == null || version.s() == null) {
                lastVersion = null;
                return false;
            }
            long now = nanoTime.getAsLong();
            if (!version.s().equals(lastVersion)) {
                lastVersion = version.s();
                lastVersionSeenAt = now;
                return false;
            }
            if (now - lastVersionSeenAt <= lockDuration.toNanos()) {
                return false;
            }
            return free(version, response.item().get(OWNER));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            log.debug("Could not check the leader lock in {}: {}", coordinatorTable, e.toString());
            return false;
        }
    }

    private boolean free(AttributeValue version, AttributeValue owner) throws Exception {
        try {
            dynamoDb.deleteItem(request -> request.tableName(coordinatorTable).key(leaderKey())
                    .conditionExpression("#version = :version")
                    .expressionAttributeNames(Map.of("#version", VERSION))
                    .expressionAttributeValues(Map.of(":version", version)))
                    .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ConditionalCheckFailedException) {
                lastVersion = null;
                return false;
            }
            throw e;
        }
        log.warn("The leader of {} ({}) stopped renewing its lock more than {} ago; freed the lock so that a live "
                + "instance takes over lease assignment", coordinatorTable, owner == null ? "unknown" : owner.s(),
                lockDuration);
        lastVersion = null;
        return true;
    }

    private static Map<String, AttributeValue> leaderKey() {
        return Map.of(KEY_ATTRIBUTE, AttributeValue.fromS(LEADER_KEY));
    }
}
