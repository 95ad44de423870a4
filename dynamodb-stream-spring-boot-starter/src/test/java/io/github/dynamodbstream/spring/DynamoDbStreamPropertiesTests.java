package io.github.dynamodbstream.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dynamodbstream.core.StartingPosition;
import io.github.dynamodbstream.core.failure.ListenerFailureMode;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class DynamoDbStreamPropertiesTests {

    private final ApplicationContextRunner contextRunner =
            new ApplicationContextRunner().withUserConfiguration(PropertiesConfiguration.class);

    @Test
    void defaultsApplyWhenNothingIsSet() {
        contextRunner.run(context -> {
            DynamoDbStreamProperties properties = context.getBean(DynamoDbStreamProperties.class);
            assertThat(properties.isEnabled()).isTrue();
            assertThat(properties.getStartingPosition()).isEqualTo(StartingPosition.LATEST);
            assertThat(properties.getPollInterval()).isEqualTo(Duration.ofSeconds(1));
            assertThat(properties.getMaxRecords()).isEqualTo(1000);
            assertThat(properties.getShardDiscoveryInterval()).isEqualTo(Duration.ofSeconds(30));
            assertThat(properties.getCheckpoint().getStore()).isEqualTo(CheckpointStore.MEMORY);
            assertThat(properties.getCheckpoint().getTableName()).isEqualTo("dynamodb-stream-checkpoints");
            assertThat(properties.getCheckpoint().isCreateTable()).isFalse();
            assertThat(properties.getOnFailure()).isEqualTo(ListenerFailureMode.BLOCK);
            assertThat(properties.getShutdownTimeout()).isEqualTo(Duration.ofSeconds(30));
            assertThat(properties.isAutoStartup()).isTrue();
            assertThat(properties.getCredentials().isConfigured()).isFalse();
            assertThat(properties.getStreams()).isEmpty();
        });
    }

    @Test
    void everyTopLevelKeyBinds() {
        contextRunner.withPropertyValues(
                "dynamodb.stream.enabled=true",
                "dynamodb.stream.stream-arn=arn:aws:dynamodb:eu-west-1:123456789012:table/orders/stream/x",
                "dynamodb.stream.table-name=orders",
                "dynamodb.stream.item-type=com.example.Order",
                "dynamodb.stream.starting-position=trim-horizon",
                "dynamodb.stream.poll-interval=250ms",
                "dynamodb.stream.max-records=50",
                "dynamodb.stream.shard-discovery-interval=1m",
                "dynamodb.stream.endpoint=http://localhost:8000",
                "dynamodb.stream.region=eu-west-1",
                "dynamodb.stream.credentials.access-key-id=AKIDEXAMPLE",
                "dynamodb.stream.credentials.secret-access-key=very-secret",
                "dynamodb.stream.checkpoint.store=jdbc",
                "dynamodb.stream.checkpoint.table-name=checkpoints",
                "dynamodb.stream.checkpoint.create-table=true",
                "dynamodb.stream.consumer-name=replica",
                "dynamodb.stream.retry.max-attempts=7",
                "dynamodb.stream.retry.initial-backoff=1s",
                "dynamodb.stream.retry.max-backoff=1m",
                "dynamodb.stream.on-failure=skip",
                "dynamodb.stream.shutdown-timeout=5s",
                "dynamodb.stream.auto-startup=false").run(context -> {
                    DynamoDbStreamProperties properties = context.getBean(DynamoDbStreamProperties.class);
                    assertThat(properties.getStreamArn()).endsWith("table/orders/stream/x");
                    assertThat(properties.getTableName()).isEqualTo("orders");
                    assertThat(properties.getItemType()).isEqualTo("com.example.Order");
                    assertThat(properties.getStartingPosition()).isEqualTo(StartingPosition.TRIM_HORIZON);
                    assertThat(properties.getPollInterval()).isEqualTo(Duration.ofMillis(250));
                    assertThat(properties.getMaxRecords()).isEqualTo(50);
                    assertThat(properties.getShardDiscoveryInterval()).isEqualTo(Duration.ofMinutes(1));
                    assertThat(properties.getEndpoint()).isEqualTo(URI.create("http://localhost:8000"));
                    assertThat(properties.getRegion()).isEqualTo("eu-west-1");
                    assertThat(properties.getCredentials().getAccessKeyId()).isEqualTo("AKIDEXAMPLE");
                    assertThat(properties.getCredentials().getSecretAccessKey()).isEqualTo("very-secret");
                    assertThat(properties.getCheckpoint().getStore()).isEqualTo(CheckpointStore.JDBC);
                    assertThat(properties.getCheckpoint().getTableName()).isEqualTo("checkpoints");
                    assertThat(properties.getCheckpoint().isCreateTable()).isTrue();
                    assertThat(properties.getConsumerName()).isEqualTo("replica");
                    assertThat(properties.getRetry().getMaxAttempts()).isEqualTo(7);
                    assertThat(properties.getRetry().getInitialBackoff()).isEqualTo(Duration.ofSeconds(1));
                    assertThat(properties.getRetry().getMaxBackoff()).isEqualTo(Duration.ofMinutes(1));
                    assertThat(properties.getOnFailure()).isEqualTo(ListenerFailureMode.SKIP);
                    assertThat(properties.getShutdownTimeout()).isEqualTo(Duration.ofSeconds(5));
                    assertThat(properties.isAutoStartup()).isFalse();
                });
    }

    @Test
    void everyPerStreamKeyBinds() {
        String prefix = "dynamodb.stream.streams.orders.";
        contextRunner.withPropertyValues(
                prefix + "enabled=false",
                prefix + "stream-arn=arn:aws:dynamodb:us-east-1:123456789012:table/orders/stream/x",
                prefix + "table-name=orders",
                prefix + "item-type=com.example.Order",
                prefix + "starting-position=TRIM_HORIZON",
                prefix + "poll-interval=2s",
                prefix + "max-records=10",
                prefix + "shard-discovery-interval=45s",
                prefix + "consumer-name=orders-replica",
                prefix + "retry.max-attempts=2",
                prefix + "retry.initial-backoff=50ms",
                prefix + "retry.max-backoff=500ms",
                prefix + "on-failure=block").run(context -> {
                    DynamoDbStreamProperties.Stream stream =
                            context.getBean(DynamoDbStreamProperties.class).getStreams().get("orders");
                    assertThat(stream.isEnabled()).isFalse();
                    assertThat(stream.getStreamArn()).endsWith("table/orders/stream/x");
                    assertThat(stream.getTableName()).isEqualTo("orders");
                    assertThat(stream.getItemType()).isEqualTo("com.example.Order");
                    assertThat(stream.getStartingPosition()).isEqualTo(StartingPosition.TRIM_HORIZON);
                    assertThat(stream.getPollInterval()).isEqualTo(Duration.ofSeconds(2));
                    assertThat(stream.getMaxRecords()).isEqualTo(10);
                    assertThat(stream.getShardDiscoveryInterval()).isEqualTo(Duration.ofSeconds(45));
                    assertThat(stream.getConsumerName()).isEqualTo("orders-replica");
                    assertThat(stream.getRetry().getMaxAttempts()).isEqualTo(2);
                    assertThat(stream.getRetry().getInitialBackoff()).isEqualTo(Duration.ofMillis(50));
                    assertThat(stream.getRetry().getMaxBackoff()).isEqualTo(Duration.ofMillis(500));
                    assertThat(stream.getOnFailure()).isEqualTo(ListenerFailureMode.BLOCK);
                });
    }

    @Test
    void credentialsNeverShowTheirValues() {
        contextRunner.withPropertyValues("dynamodb.stream.credentials.access-key-id=AKIDEXAMPLE",
                "dynamodb.stream.credentials.secret-access-key=very-secret").run(context -> {
                    DynamoDbStreamProperties properties = context.getBean(DynamoDbStreamProperties.class);
                    assertThat(properties.getCredentials().toString())
                            .doesNotContain("AKIDEXAMPLE").doesNotContain("very-secret").contains("static");
                });
    }

    @Test
    void generatedMetadataDescribesEveryKey() throws Exception {
        JsonNode metadata = new ObjectMapper().readTree(
                getClass().getResource("/META-INF/spring-configuration-metadata.json"));
        List<String> described = new ArrayList<>();
        metadata.get("properties").forEach(property -> {
            assertThat(property.path("description").asText()).as(property.get("name").asText())
                    .isNotBlank().doesNotStartWith("The ").doesNotStartWith("A ");
            described.add(property.get("name").asText());
        });
        assertThat(described).contains("dynamodb.stream.enabled", "dynamodb.stream.stream-arn",
                "dynamodb.stream.table-name", "dynamodb.stream.item-type", "dynamodb.stream.starting-position",
                "dynamodb.stream.poll-interval", "dynamodb.stream.max-records",
                "dynamodb.stream.shard-discovery-interval", "dynamodb.stream.endpoint", "dynamodb.stream.region",
                "dynamodb.stream.credentials.access-key-id", "dynamodb.stream.credentials.secret-access-key",
                "dynamodb.stream.checkpoint.store", "dynamodb.stream.checkpoint.table-name",
                "dynamodb.stream.checkpoint.create-table", "dynamodb.stream.consumer-name",
                "dynamodb.stream.retry.max-attempts", "dynamodb.stream.retry.initial-backoff",
                "dynamodb.stream.retry.max-backoff", "dynamodb.stream.on-failure", "dynamodb.stream.shutdown-timeout",
                "dynamodb.stream.auto-startup", "dynamodb.stream.streams");
    }

    @Test
    void theCheckpointAndDeadLetterTablesAreDescribedEachForItself() throws Exception {
        JsonNode metadata = new ObjectMapper().readTree(
                getClass().getResource("/META-INF/spring-configuration-metadata.json"));
        Map<String, JsonNode> byName = new HashMap<>();
        metadata.get("properties").forEach(property -> byName.put(property.get("name").asText(), property));

        assertThat(byName.get("dynamodb.stream.checkpoint.table-name").path("defaultValue").asText())
                .isEqualTo("dynamodb-stream-checkpoints");
        assertThat(byName.get("dynamodb.stream.checkpoint.table-name").path("description").asText())
                .contains("checkpoint table").contains("JDBC");
        assertThat(byName.get("dynamodb.stream.dead-letter.table-name").path("defaultValue").asText())
                .isEqualTo("dynamodb-stream-dead-letters");
        assertThat(byName.get("dynamodb.stream.dead-letter.table-name").path("description").asText())
                .contains("dead letters");
        assertThat(byName.get("dynamodb.stream.dead-letter.create-table").path("description").asText())
                .contains("dead-letter table");
        DynamoDbStreamProperties defaults = new DynamoDbStreamProperties();
        assertThat(defaults.getCheckpoint().getTableName()).isEqualTo("dynamodb-stream-checkpoints");
        assertThat(defaults.getDeadLetter().getTableName()).isEqualTo("dynamodb-stream-dead-letters");
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(DynamoDbStreamProperties.class)
    static class PropertiesConfiguration {
    }
}
