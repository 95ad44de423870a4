package io.github.dynamodbstream.spring.connection;

import java.net.URI;
import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.regions.Region;

/**
 * Where the starter's DynamoDB and DynamoDB Streams clients connect. Built from the {@code dynamodb.stream.*}
 * connection properties unless the application has a bean of this type, such as the one a
 * {@code @ServiceConnection} LocalStack container gives. With Spring Cloud AWS on the class path, each value the
 * properties leave unset is Spring Cloud AWS's; each value still {@code null} is found by the AWS SDK's default
 * chains.
 */
public interface DynamoDbStreamConnectionDetails extends ConnectionDetails {

    /** The endpoint of DynamoDB and DynamoDB Streams, or {@code null} for the region's. */
    URI getEndpoint();

    /** The AWS region, for example {@code us-east-1}, or {@code null} for the SDK's region provider chain. */
    String getRegion();

    /** The credentials, or {@code null} for the SDK's default credentials provider chain. */
    AwsCredentialsProvider getCredentialsProvider();

    /** Sets the region, endpoint and credentials that are not {@code null} on a client builder. */
    default void applyTo(AwsClientBuilder<?, ?> builder) {
        if (getRegion() != null) {
            builder.region(Region.of(getRegion()));
        }
        if (getEndpoint() != null) {
            builder.endpointOverride(getEndpoint());
        }
        if (getCredentialsProvider() != null) {
            builder.credentialsProvider(getCredentialsProvider());
        }
    }
}
