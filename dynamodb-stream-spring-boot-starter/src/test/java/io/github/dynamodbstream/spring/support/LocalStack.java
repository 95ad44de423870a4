package io.github.dynamodbstream.spring.support;

import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** LocalStack for the tests that run where Docker is: the container, and a client of its DynamoDB. */
public final class LocalStack {

    private LocalStack() {
    }

    /** A LocalStack container with DynamoDB (and its streams). */
    public static LocalStackContainer container() {
        return new LocalStackContainer(DockerImageName.parse("localstack/localstack:4.4")).withServices("dynamodb");
    }

    /** A DynamoDB client of the container; close it. */
    public static DynamoDbClient dynamoDbClient(LocalStackContainer localStack) {
        return DynamoDbClient.builder()
                .endpointOverride(localStack.getEndpoint())
                .region(Region.of(localStack.getRegion()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(localStack.getAccessKey(), localStack.getSecretKey())))
                .build();
    }
}
