package io.github.dynamodbstream.spring.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.dynamodbstream.emulator.DynamoDbEmulator;
import io.github.dynamodbstream.emulator.DynamoDbEmulatorExtension;
import io.github.dynamodbstream.spring.support.EveryChange;
import io.github.dynamodbstream.spring.support.OnEmulator;
import io.github.dynamodbstream.spring.support.TestItems;
import io.github.dynamodbstream.spring.poller.DynamoDbStreamListenerContainer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * An application that talks to AWS through Spring Cloud AWS adds the starter: its {@code spring.cloud.aws.*}
 * connection serves the starter too, with one {@code DynamoDbClient} in the context, and the
 * {@code dynamodb.stream.*} keys win where both are set.
 */
class SpringCloudAwsEndToEndTests {

    @RegisterExtension
    static final DynamoDbEmulatorExtension EMULATOR =
            DynamoDbEmulatorExtension.of(DynamoDbEmulator.builder().shardsPerStream(1));

    /** Nothing listens there: a client sent there fails. */
    private static final String NOWHERE = "http://127.0.0.1:9";

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(EveryChange.class)
    static class App {
    }

    /** Starts the application reading the table, with Spring Cloud AWS's connection to that endpoint. */
    private static ConfigurableApplicationContext start(String table, String springCloudAwsEndpoint,
            String... more) {
        List<String> properties = new ArrayList<>(List.of(
                "spring.cloud.aws.endpoint=" + springCloudAwsEndpoint,
                "spring.cloud.aws.region.static=" + EMULATOR.emulator().region(),
                "spring.cloud.aws.credentials.access-key=spring-cloud-aws",
                "spring.cloud.aws.credentials.secret-key=spring-cloud-aws",
                "dynamodb.stream.table-name=" + table,
                "dynamodb.stream.poll-interval=50ms"));
        properties.addAll(List.of(more));
        return OnEmulator.start(App.class, properties.toArray(String[]::new));
    }

    /** Writes an item and waits for the application to hear of it. */
    private static void awaitTheChangeOf(ConfigurableApplicationContext context, String table) {
        OnEmulator.awaitEveryStreamRunning(context.getBean(DynamoDbStreamListenerContainer.class));
        TestItems.put(EMULATOR.dynamoDbClient(), table, "order-1", 1);
        EveryChange changes = context.getBean(EveryChange.class);
        await().atMost(Duration.ofSeconds(15)).until(() -> !changes.changes().isEmpty());
        assertThat(changes.changes()).singleElement()
                .satisfies(change -> assertThat(change.keys().get("id").s()).isEqualTo("order-1"));
    }

    /** The context's DynamoDB clients by bean name, each with the configuration class that defines it. */
    private static Map<String, String> dynamoDbClients(ConfigurableApplicationContext context) {
        Map<String, String> clients = new LinkedHashMap<>();
        for (String name : context.getBeanNamesForType(DynamoDbClient.class)) {
            clients.put(name, context.getBeanFactory().getBeanDefinition(name).getFactoryBeanName());
        }
        return clients;
    }

    @Test
    void onlySpringCloudAwsConnectionSettingsConnectTheStarterThroughItsOneDynamoDbClient() {
        String table = OnEmulator.newTable(EMULATOR, "cloud-aws");
        try (ConfigurableApplicationContext context = start(table, EMULATOR.emulator().endpoint().toString())) {
            assertThat(dynamoDbClients(context).values()).singleElement().satisfies(source ->
                    assertThat(source).startsWith("io.awspring.cloud.autoconfigure.dynamodb."));
            awaitTheChangeOf(context, table);
        }
    }

    @Test
    void withBothConnectionsTheStarterKeysWinAndTheContextStillHasOneDynamoDbClient() {
        String table = OnEmulator.newTable(EMULATOR, "cloud-aws-both");
        try (ConfigurableApplicationContext context = start(table, NOWHERE,
                OnEmulator.connection(EMULATOR.emulator()))) {
            assertThat(dynamoDbClients(context).values()).singleElement().satisfies(source ->
                    assertThat(source).startsWith("io.github.dynamodbstream.spring.connection."));
            assertThat(context.getBean(DynamoDbClient.class).serviceClientConfiguration().endpointOverride())
                    .contains(EMULATOR.emulator().endpoint());
            awaitTheChangeOf(context, table);
        }
    }
}
