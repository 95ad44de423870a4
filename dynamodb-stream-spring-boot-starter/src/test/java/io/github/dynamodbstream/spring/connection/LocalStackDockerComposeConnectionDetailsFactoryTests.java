package io.github.dynamodbstream.spring.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dynamodbstream.spring.connection.LocalStackDockerComposeConnectionDetailsFactory.LocalStackServiceConnectionDetails;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.docker.compose.core.ConnectionPorts;
import org.springframework.boot.docker.compose.core.ImageReference;
import org.springframework.boot.docker.compose.core.RunningService;
import software.amazon.awssdk.auth.credentials.AwsCredentials;

/** The connection a Docker Compose {@code localstack} service gives, read from the service as Docker reports it. */
class LocalStackDockerComposeConnectionDetailsFactoryTests {

    record Service(Map<String, String> env) implements RunningService {

        @Override
        public String name() {
            return "localstack";
        }

        @Override
        public ImageReference image() {
            return ImageReference.of("localstack/localstack:4.4");
        }

        @Override
        public String host() {
            return "127.0.0.1";
        }

        @Override
        public ConnectionPorts ports() {
            return new ConnectionPorts() {
                @Override
                public int get(int containerPort) {
                    return containerPort == 4566 ? 32768 : -1;
                }

                @Override
                public List<Integer> getAll() {
                    return List.of(32768);
                }

                @Override
                public List<Integer> getAll(String protocol) {
                    return getAll();
                }
            };
        }

        @Override
        public Map<String, String> labels() {
            return Map.of();
        }
    }

    @Test
    void theEdgePortsHostPortRegionAndCredentialsOfTheService() {
        DynamoDbStreamConnectionDetails connection = new LocalStackServiceConnectionDetails(new Service(Map.of(
                "AWS_DEFAULT_REGION", "eu-central-1", "AWS_ACCESS_KEY_ID", "key", "AWS_SECRET_ACCESS_KEY", "secret")));
        assertThat(connection.getEndpoint()).isEqualTo(URI.create("http://127.0.0.1:32768"));
        assertThat(connection.getRegion()).isEqualTo("eu-central-1");
        AwsCredentials credentials = connection.getCredentialsProvider().resolveCredentials();
        assertThat(credentials.accessKeyId()).isEqualTo("key");
        assertThat(credentials.secretAccessKey()).isEqualTo("secret");
    }

    @Test
    void withoutEnvironmentLocalStacksDefaults() {
        DynamoDbStreamConnectionDetails connection = new LocalStackServiceConnectionDetails(new Service(Map.of()));
        assertThat(connection.getRegion()).isEqualTo("us-east-1");
        assertThat(connection.getCredentialsProvider().resolveCredentials().accessKeyId()).isEqualTo("test");
    }
}
