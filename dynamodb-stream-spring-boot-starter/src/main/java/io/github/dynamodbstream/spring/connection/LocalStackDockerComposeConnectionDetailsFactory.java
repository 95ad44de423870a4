package io.github.dynamodbstream.spring.connection;

import java.net.URI;
import java.util.Map;
import org.springframework.boot.docker.compose.core.RunningService;
import org.springframework.boot.docker.compose.service.connection.DockerComposeConnectionDetailsFactory;
import org.springframework.boot.docker.compose.service.connection.DockerComposeConnectionSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Gives the {@link DynamoDbStreamConnectionDetails} of a Docker Compose service running the
 * {@code localstack/localstack} image, for Spring Boot's Docker Compose support: the endpoint of its port 4566, the
 * region of its {@code AWS_DEFAULT_REGION} (else {@code us-east-1}, LocalStack's default) and the credentials of its
 * {@code AWS_ACCESS_KEY_ID} / {@code AWS_SECRET_ACCESS_KEY} (else {@code test}, which LocalStack accepts).
 * Registered in {@code META-INF/spring.factories}.
 */
class LocalStackDockerComposeConnectionDetailsFactory
        extends DockerComposeConnectionDetailsFactory<DynamoDbStreamConnectionDetails> {

    private static final int EDGE_PORT = 4566;

    LocalStackDockerComposeConnectionDetailsFactory() {
        super("localstack/localstack");
    }

    @Override
    protected DynamoDbStreamConnectionDetails getDockerComposeConnectionDetails(DockerComposeConnectionSource source) {
        return new LocalStackServiceConnectionDetails(source.getRunningService());
    }

    static final class LocalStackServiceConnectionDetails extends DockerComposeConnectionDetails
            implements DynamoDbStreamConnectionDetails {

        private final URI endpoint;
        private final String region;
        private final AwsCredentialsProvider credentials;

        LocalStackServiceConnectionDetails(RunningService service) {
            super(service);
            Map<String, String> env = service.env();
            this.endpoint = URI.create("http://" + service.host() + ":" + service.ports().get(EDGE_PORT));
            this.region = env.getOrDefault("AWS_DEFAULT_REGION", "us-east-1");
            this.credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(
                    env.getOrDefault("AWS_ACCESS_KEY_ID", "test"), env.getOrDefault("AWS_SECRET_ACCESS_KEY", "test")));
        }

        @Override
        public URI getEndpoint() {
            return endpoint;
        }

        @Override
        public String getRegion() {
            return region;
        }

        @Override
        public AwsCredentialsProvider getCredentialsProvider() {
            return credentials;
        }
    }
}
