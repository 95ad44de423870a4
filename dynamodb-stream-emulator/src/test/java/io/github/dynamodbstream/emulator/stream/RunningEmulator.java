package io.github.dynamodbstream.emulator.stream;

import io.github.dynamodbstream.emulator.DynamoDbEmulator;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** An emulator with options of its own for one test, and SDK clients that do not retry, so every error shows. */
final class RunningEmulator implements AutoCloseable {

    final DynamoDbEmulator emulator;
    final DynamoDbClient dynamoDb;
    final DynamoDbStreamsClient streams;
    final StreamReader reader;

    RunningEmulator(DynamoDbEmulator.Builder builder) {
        emulator = builder.start();
        StaticCredentialsProvider credentials =
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
        dynamoDb = DynamoDbClient.builder().endpointOverride(emulator.endpoint()).region(Region.of(emulator.region()))
                .credentialsProvider(credentials)
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
        streams = DynamoDbStreamsClient.builder().endpointOverride(emulator.endpoint())
                .region(Region.of(emulator.region())).credentialsProvider(credentials)
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
        reader = new StreamReader(dynamoDb, streams);
    }

    @Override
    public void close() {
        streams.close();
        dynamoDb.close();
        emulator.close();
    }
}
