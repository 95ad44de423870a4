package io.github.dynamodbstream.spring.connection;

import io.github.dynamodbstream.spring.DynamoDbStreamProperties;
import java.net.URI;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The connection the {@code dynamodb.stream.endpoint}, {@code region} and {@code credentials.*} properties
 * describe.
 */
public final class PropertiesDynamoDbStreamConnectionDetails implements DynamoDbStreamConnectionDetails {

    private final DynamoDbStreamProperties properties;

    public PropertiesDynamoDbStreamConnectionDetails(DynamoDbStreamProperties properties) {
        this.properties = Objects.requireNonNull(properties, "properties");
    }

    @Override
    public URI getEndpoint() {
        return properties.getEndpoint();
    }

    @Override
    public String getRegion() {
        String region = properties.getRegion();
        return region == null || region.isBlank() ? null : region.trim();
    }

    @Override
    public AwsCredentialsProvider getCredentialsProvider() {
        DynamoDbStreamProperties.Credentials credentials = properties.getCredentials();
        return credentials.isConfigured() ? StaticCredentialsProvider.create(AwsBasicCredentials.create(
                credentials.getAccessKeyId(), credentials.getSecretAccessKey())) : null;
    }
}
