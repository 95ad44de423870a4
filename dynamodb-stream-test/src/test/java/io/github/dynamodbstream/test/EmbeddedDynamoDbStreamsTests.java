package io.github.dynamodbstream.test;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dynamodbstream.emulator.DynamoDbEmulator;
import io.github.dynamodbstream.emulator.EmulatorClients;
import io.github.dynamodbstream.test.EmbeddedDynamoDbStreams.Table;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

@SpringJUnitConfig(EmbeddedDynamoDbStreamsTests.Config.class)
@EmbeddedDynamoDbStreams(shardsPerStream = 2, rotation = "1h", region = "eu-west-1", tables = {
        @Table(name = "orders", partitionKey = "id"),
        @Table(name = "events", partitionKey = "source", sortKey = "at", sortKeyType = ScalarAttributeType.N,
                streamViewType = StreamViewType.KEYS_ONLY)})
class EmbeddedDynamoDbStreamsTests {

    @Configuration(proxyBeanMethods = false)
    static class Config {
    }

    @Autowired
    DynamoDbEmulator emulator;

    @Autowired
    Environment environment;

    @Autowired
    ApplicationContext context;

    private DynamoDbClient dynamoDb;
    private DynamoDbStreamsClient streams;

    @AfterEach
    void closeClients() {
        if (dynamoDb != null) {
            dynamoDb.close();
        }
        if (streams != null) {
            streams.close();
        }
    }

    @Test
    void pointsTheStarterConnectionPropertiesAtTheEmulator() {
        assertThat(environment.getProperty("dynamodb.stream.endpoint")).isEqualTo(emulator.endpoint().toString())
                .startsWith("http://127.0.0.1:");
        assertThat(environment.getProperty("dynamodb.stream.region")).isEqualTo("eu-west-1");
        assertThat(environment.getProperty("dynamodb.stream.credentials.access-key-id"))
                .isEqualTo(EmulatorClients.ACCESS_KEY_ID);
        assertThat(environment.getProperty("dynamodb.stream.credentials.secret-access-key"))
                .isEqualTo(EmulatorClients.SECRET_ACCESS_KEY);
    }

    @Test
    void theEmulatorIsABeanByName() {
        assertThat(context.getBean(EmbeddedEmulator.BEAN_NAME)).isSameAs(emulator);
        assertThat(emulator.region()).isEqualTo("eu-west-1");
    }

    @Test
    void createsTheTablesActiveWithTheirKeysAndStreams() {
        TableDescription orders = dynamoDb().describeTable(request -> request.tableName("orders")).table();
        assertThat(orders.tableStatusAsString()).isEqualTo("ACTIVE");
        assertThat(orders.keySchema()).containsExactly(key("id", KeyType.HASH));
        assertThat(orders.streamSpecification().streamViewType()).isEqualTo(StreamViewType.NEW_AND_OLD_IMAGES);

        TableDescription events = dynamoDb().describeTable(request -> request.tableName("events")).table();
        assertThat(events.keySchema()).containsExactly(key("source", KeyType.HASH), key("at", KeyType.RANGE));
        assertThat(events.attributeDefinitions()).anySatisfy(attribute -> {
            assertThat(attribute.attributeName()).isEqualTo("at");
            assertThat(attribute.attributeType()).isEqualTo(ScalarAttributeType.N);
        });
        assertThat(events.streamSpecification().streamViewType()).isEqualTo(StreamViewType.KEYS_ONLY);
    }

    @Test
    void streamsHaveTheShardsAskedForAndRotateOnTheEmulatorsClock() {
        String streamArn = dynamoDb().describeTable(request -> request.tableName("orders")).table()
                .latestStreamArn();
        assertThat(openShards(streamArn)).hasSize(2);

        emulator.advanceClock(Duration.ofHours(1));

        assertThat(openShards(streamArn)).hasSize(2);
        assertThat(streams().describeStream(request -> request.streamArn(streamArn)).streamDescription().shards())
                .as("two closed parents and their two children").hasSize(4);
    }

    /** A {@code @Nested} class shares the enclosing class's annotation, and so its context and emulator. */
    @Nested
    class InANestedClass {

        @Autowired
        DynamoDbEmulator nestedEmulator;

        @Test
        void theEnclosingClassesEmulatorServes() {
            assertThat(nestedEmulator).isSameAs(emulator);
        }
    }

    private List<Shard> openShards(String streamArn) {
        return streams().describeStream(request -> request.streamArn(streamArn)).streamDescription().shards()
                .stream().filter(shard -> shard.sequenceNumberRange().endingSequenceNumber() == null).toList();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    private DynamoDbClient dynamoDb() {
        if (dynamoDb == null) {
            dynamoDb = EmulatorClients.dynamoDbClientBuilder(emulator).build();
        }
        return dynamoDb;
    }

    private DynamoDbStreamsClient streams() {
        if (streams == null) {
            streams = EmulatorClients.streamsClientBuilder(emulator).build();
        }
        return streams;
    }
}
