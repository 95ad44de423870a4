package io.github.dynamodbstream.kcl;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dynamodbstream.emulator.DynamoDbEmulatorExtension;
import io.github.dynamodbstream.kcl.internal.LeaseTableNames;
import io.github.dynamodbstream.spring.StreamDefinition;
import io.github.dynamodbstream.spring.StreamDefinitions;
import io.github.dynamodbstream.test.EmulatorTables;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * One naming rule for the lease tables, however many streams: {@code <consumer-name>-<stream name>}; a table an
 * earlier version created under the consumer name alone is kept by the stream whose leases it holds, so adding a
 * second stream never moves the first to an empty table. (The container names each stream's worker with
 * {@link LeaseTableNames#resolve}; the endpoint and health tests show the names it starts with.)
 */
class LeaseTableNameTests {

    @RegisterExtension
    static final DynamoDbEmulatorExtension EMULATOR =
            DynamoDbEmulatorExtension.of(KclFleet.emulator(1));

    @Test
    void aSecondStreamKeepsTheFirstOnTheLeaseTableAnEarlierVersionCreatedForIt() {
        DynamoDbClient dynamoDb = EMULATOR.dynamoDbClient();
        EmulatorTables.createWithStream(dynamoDb, "orders", StreamViewType.NEW_IMAGE);
        EmulatorTables.createWithStream(dynamoDb, "payments", StreamViewType.NEW_IMAGE);
        EmulatorTables.createWithStream(dynamoDb, "refunds", StreamViewType.NEW_IMAGE);
        leaseTableWithALeaseOf("shop", "orders");
        leaseTableWithALeaseOf("audit", "refunds");

        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Application.class)
                .web(WebApplicationType.NONE)
                .properties(KclFleet.instanceProperties(EMULATOR.emulator().endpoint(), EMULATOR.emulator().region(),
                        "instance-1", Duration.ofSeconds(3)))
                .properties("dynamodb.stream.auto-startup=false",
                        "dynamodb.stream.consumer-name=shop",
                        "dynamodb.stream.streams.orders.table-name=orders",
                        "dynamodb.stream.streams.payments.table-name=payments",
                        "dynamodb.stream.streams.refunds.table-name=refunds",
                        "dynamodb.stream.streams.refunds.consumer-name=billing")
                .run();
                DynamoDbAsyncClient leaseTables = DynamoDbAsyncClient.builder()
                        .endpointOverride(EMULATOR.emulator().endpoint())
                        .region(Region.of(EMULATOR.emulator().region()))
                        .credentialsProvider(StaticCredentialsProvider.create(
                                AwsBasicCredentials.create("emulator", "emulator")))
                        .build()) {
            Map<String, String> applications = new HashMap<>();
            for (StreamDefinition stream : context.getBean(StreamDefinitions.class)) {
                applications.put(stream.name(), LeaseTableNames.resolve(stream, leaseTables,
                        context.getBean(DynamoDbStreamsClient.class)));
            }

            assertThat(applications).containsOnly(
                    Map.entry("orders", "shop"),
                    Map.entry("payments", "shop-payments"),
                    Map.entry("refunds", "billing-refunds"));
        }
    }

    /** A lease table as an earlier version named it, with one lease: the first shard of {@code table}'s stream. */
    private static void leaseTableWithALeaseOf(String name, String table) {
        DynamoDbClient dynamoDb = EMULATOR.dynamoDbClient();
        String streamArn = dynamoDb.describeTable(request -> request.tableName(table)).table().latestStreamArn();
        String shardId = EMULATOR.streamsClient().describeStream(request -> request.streamArn(streamArn))
                .streamDescription().shards().get(0).shardId();
        dynamoDb.createTable(request -> request.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(key -> key.attributeName("leaseKey").keyType(KeyType.HASH))
                .attributeDefinitions(attribute -> attribute.attributeName("leaseKey")
                        .attributeType(ScalarAttributeType.S)));
        EMULATOR.awaitActive(name);
        dynamoDb.putItem(request -> request.tableName(name).item(Map.of(
                "leaseKey", AttributeValue.fromS(shardId),
                "checkpoint", AttributeValue.fromS("TRIM_HORIZON"),
                "leaseCounter", AttributeValue.fromN("1"))));
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Application {
    }
}
