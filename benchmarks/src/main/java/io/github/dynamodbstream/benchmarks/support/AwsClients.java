package io.github.dynamodbstream.benchmarks.support;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * SDK clients pointed at an emulator, with the SDK's default HTTP client and retries: every Java contender gets the
 * same configuration. The caller closes them.
 */
public final class AwsClients {

    /** Access key id and secret of the static credentials every contender uses; the emulator checks none. */
    public static final String CREDENTIAL = "benchmark";

    private AwsClients() {
    }

    public static DynamoDbClient dynamoDb(URI endpoint, String region) {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(region))
                .credentialsProvider(credentials())
                .build();
    }

    public static DynamoDbStreamsClient streams(URI endpoint, String region) {
        return DynamoDbStreamsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(region))
                .credentialsProvider(credentials())
                .build();
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(CREDENTIAL, CREDENTIAL));
    }
}
