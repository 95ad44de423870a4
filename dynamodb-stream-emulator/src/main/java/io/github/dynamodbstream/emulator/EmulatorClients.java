package io.github.dynamodbstream.emulator;

import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClientBuilder;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/**
 * AWS SDK clients for a running {@link DynamoDbEmulator}: its endpoint, its region and static credentials (the
 * emulator checks no signature, so any would do; these are the ones this project's test support uses). Needs the
 * AWS SDK's {@code dynamodb} module.
 */
public final class EmulatorClients {

    /** Access key id of {@link #credentialsProvider()}. */
    public static final String ACCESS_KEY_ID = "emulator";

    /** Secret access key of {@link #credentialsProvider()}. */
    public static final String SECRET_ACCESS_KEY = "emulator";

    private EmulatorClients() {
    }

    /** A builder with the emulator's endpoint, region and {@link #credentialsProvider()}; you close what you build. */
    public static DynamoDbClientBuilder dynamoDbClientBuilder(DynamoDbEmulator emulator) {
        return DynamoDbClient.builder()
                .endpointOverride(emulator.endpoint())
                .region(Region.of(emulator.region()))
                .credentialsProvider(credentialsProvider());
    }

    /** A builder with the emulator's endpoint, region and {@link #credentialsProvider()}; you close what you build. */
    public static DynamoDbStreamsClientBuilder streamsClientBuilder(DynamoDbEmulator emulator) {
        return DynamoDbStreamsClient.builder()
                .endpointOverride(emulator.endpoint())
                .region(Region.of(emulator.region()))
                .credentialsProvider(credentialsProvider());
    }

    /** Static credentials of {@link #ACCESS_KEY_ID} and {@link #SECRET_ACCESS_KEY}. */
    public static AwsCredentialsProvider credentialsProvider() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY));
    }

    /**
     * Waits, as an application must, until a table is ACTIVE after CreateTable or UpdateTable (the emulator answers
     * CREATING or UPDATING for its {@link DynamoDbEmulator.Builder#statusDelay status delay}), asking every 10
     * milliseconds.
     *
     * @throws IllegalStateException when the waiter gives up
     */
    public static void awaitActive(DynamoDbClient client, String tableName) {
        try (DynamoDbWaiter waiter = DynamoDbWaiter.builder()
                .client(client)
                .overrideConfiguration(wait -> wait.backoffStrategyV2(
                        BackoffStrategy.fixedDelayWithoutJitter(Duration.ofMillis(10))))
                .build()) {
            waiter.waitUntilTableExists(request -> request.tableName(tableName)).matched().response()
                    .orElseThrow(() -> new IllegalStateException("Table " + tableName + " did not become ACTIVE"));
        }
    }
}
