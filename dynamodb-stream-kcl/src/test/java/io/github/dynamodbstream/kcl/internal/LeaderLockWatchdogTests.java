package io.github.dynamodbstream.kcl.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dynamodbstream.emulator.DynamoDbEmulatorExtension;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** The leader lock of the coordinator table is freed only when its version stayed the same for the lock's duration. */
class LeaderLockWatchdogTests {

    private static final AtomicLong TABLES = new AtomicLong();
    private static final Duration LOCK_DURATION = Duration.ofSeconds(10);

    @RegisterExtension
    static final DynamoDbEmulatorExtension EMULATOR = DynamoDbEmulatorExtension.create();

    private final String table = "app-" + TABLES.incrementAndGet() + "-CoordinatorState";
    private final AtomicLong nanos = new AtomicLong();
    private DynamoDbClient dynamoDb;
    private DynamoDbAsyncClient asyncDynamoDb;
    private LeaderLockWatchdog watchdog;

    @BeforeEach
    void createCoordinatorTable() {
        dynamoDb = EMULATOR.dynamoDbClient();
        dynamoDb.createTable(request -> request.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(key -> key.attributeName("key").keyType(KeyType.HASH))
                .attributeDefinitions(attribute -> attribute.attributeName("key")
                        .attributeType(ScalarAttributeType.S)));
        asyncDynamoDb = DynamoDbAsyncClient.builder().endpointOverride(EMULATOR.emulator().endpoint())
                .region(Region.of(EMULATOR.emulator().region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                .build();
        watchdog = new LeaderLockWatchdog(asyncDynamoDb, table, LOCK_DURATION, nanos::get);
    }

    @AfterEach
    void closeClient() {
        asyncDynamoDb.close();
    }

    @Test
    void aLockWhoseVersionStayedTheSameLongerThanItsDurationIsFreed() {
        lock("worker-1", "version-1");
        assertThat(watchdog.check()).isFalse();
        elapse(LOCK_DURATION);
        assertThat(watchdog.check()).as("not longer than the duration yet").isFalse();
        assertThat(lockOwner()).isEqualTo("worker-1");

        elapse(Duration.ofMillis(1));
        assertThat(watchdog.check()).isTrue();
        assertThat(lockOwner()).isNull();
    }

    @Test
    void aLockRenewedByItsLeaderIsNeverFreed() {
        lock("worker-1", "version-1");
        assertThat(watchdog.check()).isFalse();
        for (int heartbeat = 2; heartbeat <= 6; heartbeat++) {
            elapse(LOCK_DURATION.dividedBy(2));
            lock("worker-1", "version-" + heartbeat);
            assertThat(watchdog.check()).isFalse();
        }
        assertThat(lockOwner()).isEqualTo("worker-1");
    }

    @Test
    void aLockTakenByAnotherInstanceInTheMeantimeIsKept() {
        lock("worker-1", "version-1");
        watchdog.check();
        elapse(LOCK_DURATION.multipliedBy(2));
        lock("worker-2", "version-7");
        assertThat(watchdog.check()).isFalse();
        assertThat(lockOwner()).isEqualTo("worker-2");
    }

    @Test
    void noLockOrNoTableIsNothingToFree() {
        assertThat(watchdog.check()).isFalse();
        LeaderLockWatchdog elsewhere = new LeaderLockWatchdog(asyncDynamoDb, "missing-CoordinatorState",
                LOCK_DURATION, nanos::get);
        assertThat(elsewhere.check()).isFalse();
    }

    private void lock(String owner, String version) {
        dynamoDb.putItem(request -> request.tableName(table).item(Map.of(
                "key", AttributeValue.fromS("Leader"),
                "ownerName", AttributeValue.fromS(owner),
                "recordVersionNumber", AttributeValue.fromS(version),
                "leaseDuration", AttributeValue.fromS(Long.toString(LOCK_DURATION.toMillis())))));
    }

    private String lockOwner() {
        Map<String, AttributeValue> item = dynamoDb.getItem(request -> request.tableName(table)
                .key(Map.of("key", AttributeValue.fromS("Leader")))).item();
        return item.isEmpty() ? null : item.get("ownerName").s();
    }

    private void elapse(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }
}
