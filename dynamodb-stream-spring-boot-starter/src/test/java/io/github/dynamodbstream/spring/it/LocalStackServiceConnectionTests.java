package io.github.dynamodbstream.spring.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.dynamodbstream.spring.connection.DynamoDbStreamConnectionDetails;
import io.github.dynamodbstream.spring.connection.PropertiesDynamoDbStreamConnectionDetails;
import io.github.dynamodbstream.spring.support.EveryChange;
import io.github.dynamodbstream.spring.support.LocalStack;
import io.github.dynamodbstream.spring.support.TestItems;
import io.github.dynamodbstream.test.EmulatorTables;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.localstack.LocalStackContainer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A LocalStack container annotated {@code @ServiceConnection} connects the starter, without any
 * {@code dynamodb.stream} connection property; skipped without Docker.
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(classes = LocalStackServiceConnectionTests.App.class, properties = {
        "dynamodb.stream.table-name=" + LocalStackServiceConnectionTests.TABLE,
        "dynamodb.stream.poll-interval=100ms"})
@DirtiesContext
class LocalStackServiceConnectionTests {

    static final String TABLE = "service-connection-orders";

    @Container
    @ServiceConnection
    static final LocalStackContainer LOCALSTACK = LocalStack.container();

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(EveryChange.class)
    static class App {
    }

    @BeforeAll
    static void table() {
        try (DynamoDbClient client = LocalStack.dynamoDbClient(LOCALSTACK)) {
            EmulatorTables.createWithStream(client, TABLE);
        }
    }

    @Autowired
    DynamoDbStreamConnectionDetails connection;

    @Autowired
    DynamoDbClient dynamoDb;

    @Autowired
    EveryChange changes;

    @Test
    void theContainerGivesTheConnectionAndChangesArrive() {
        assertThat(connection).isNotInstanceOf(PropertiesDynamoDbStreamConnectionDetails.class);
        assertThat(connection.getEndpoint()).isEqualTo(LOCALSTACK.getEndpoint());
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            TestItems.put(dynamoDb, TABLE, "probe", changes.changes().size() + 1);
            return !changes.changes().isEmpty();
        });
    }
}
