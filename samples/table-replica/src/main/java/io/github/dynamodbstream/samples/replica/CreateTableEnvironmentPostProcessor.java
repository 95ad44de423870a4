package io.github.dynamodbstream.samples.replica;

import java.net.URI;
import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * With {@code sample.create-table=true} (for LocalStack), creates the table before the starter looks it up, which it
 * does while the application context starts: this runs earlier, once {@code application.yml} is read. It connects
 * with the starter's endpoint, region and credentials (else the AWS SDK's default chains). On the embedded emulator
 * ({@code TestTableReplicaApplication} and the tests) the emulator creates the table itself.
 */
public class CreateTableEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    private final Log log;

    public CreateTableEnvironmentPostProcessor(DeferredLogFactory logFactory) {
        this.log = logFactory.getLog(CreateTableEnvironmentPostProcessor.class);
    }

    /** After the application's configuration files were read. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.getProperty("sample.create-table", Boolean.class, false)) {
            return;
        }
        String tableName = environment.getProperty("dynamodb.stream.table-name", "orders");
        try (DynamoDbClient dynamoDb = client(environment)) {
            if (OrdersTable.createIfMissing(dynamoDb, tableName)) {
                log.info("Created table '" + tableName + "' with a NEW_AND_OLD_IMAGES stream");
            }
        }
    }

    private static DynamoDbClient client(ConfigurableEnvironment environment) {
        DynamoDbClientBuilder builder = DynamoDbClient.builder();
        String endpoint = environment.getProperty("dynamodb.stream.endpoint");
        if (endpoint != null && !endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint.trim()));
        }
        String region = environment.getProperty("dynamodb.stream.region");
        if (region != null && !region.isBlank()) {
            builder.region(Region.of(region.trim()));
        }
        String accessKey = environment.getProperty("dynamodb.stream.credentials.access-key-id");
        String secretKey = environment.getProperty("dynamodb.stream.credentials.secret-access-key");
        if (accessKey != null && !accessKey.isBlank() && secretKey != null && !secretKey.isBlank()) {
            builder.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey,
                    secretKey)));
        }
        return builder.build();
    }
}
