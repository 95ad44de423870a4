package io.github.dynamodbstream.spring.connection;

import java.net.URI;
import org.springframework.boot.testcontainers.service.connection.ContainerConnectionDetailsFactory;
import org.springframework.boot.testcontainers.service.connection.ContainerConnectionSource;
import org.testcontainers.localstack.LocalStackContainer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Gives the {@link DynamoDbStreamConnectionDetails} of a Testcontainers {@link LocalStackContainer} annotated
 * {@code @ServiceConnection}: its endpoint, region and credentials. Registered in {@code META-INF/spring.factories};
 * used only where Spring Boot's Testcontainers support and the LocalStack module are on the class path.
 */
class LocalStackContainerConnectionDetailsFactory
        extends ContainerConnectionDetailsFactory<LocalStackContainer, DynamoDbStreamConnectionDetails> {

    LocalStackContainerConnectionDetailsFactory() {
        super(ANY_CONNECTION_NAME, "org.testcontainers.localstack.LocalStackContainer");
    }

    @Override
    protected DynamoDbStreamConnectionDetails getContainerConnectionDetails(
            ContainerConnectionSource<LocalStackContainer> source) {
        return new LocalStackConnectionDetails(source);
    }

    private static final class LocalStackConnectionDetails extends ContainerConnectionDetails<LocalStackContainer>
            implements DynamoDbStreamConnectionDetails {

        private LocalStackConnectionDetails(ContainerConnectionSource<LocalStackContainer> source) {
            super(source);
        }

        @Override
        public URI getEndpoint() {
            return getContainer().getEndpoint();
        }

        @Override
        public String getRegion() {
            return getContainer().getRegion();
        }

        @Override
        public AwsCredentialsProvider getCredentialsProvider() {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(getContainer().getAccessKey(),
                    getContainer().getSecretKey()));
        }
    }
}
