package io.github.dynamodbstream.spring.connection;

import io.github.dynamodbstream.spring.DynamoDbStreamProperties;
import java.net.URI;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The connection the {@code dynamodb.stream.endpoint}, {@code region} and {@code credentials.*} properties
 * describe; each value they leave unset is that of the shared settings (Spring Cloud AWS's), if there are any.
 */
public final class PropertiesDynamoDbStreamConnectionDetails implements DynamoDbStreamConnectionDetails {

    private final DynamoDbStreamProperties properties;
    private final DynamoDbStreamConnectionDetails shared;

    public PropertiesDynamoDbStreamConnectionDetails(DynamoDbStreamProperties properties) {
        this(properties, null);
    }

    /** The properties' connection, falling back on {@code shared} ({@code null} for none) value by value. */
    public PropertiesDynamoDbStreamConnectionDetails(DynamoDbStreamProperties properties,
            DynamoDbStreamConnectionDetails shared) {
        this.properties = Objects.requireNonNull(properties, "properties");
        this.shared = shared;
    }

    @Override
    public URI getEndpoint() {
        URI endpoint = properties.getEndpoint();
        return endpoint != null || shared == null ? endpoint : shared.getEndpoint();
    }

    @Override
    public String getRegion() {
        String region = properties.getRegion();
        if (region != null && !region.isBlank()) {
            return region.trim();
        }
        return shared == null ? null : shared.getRegion();
    }

    @Override
    public AwsCredentialsProvider getCredentialsProvider() {
        DynamoDbStreamProperties.Credentials credentials = properties.getCredentials();
        if (credentials.isConfigured()) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(credentials.getAccessKeyId(),
                    credentials.getSecretAccessKey()));
        }
        return shared == null ? null : shared.getCredentialsProvider();
    }
}
