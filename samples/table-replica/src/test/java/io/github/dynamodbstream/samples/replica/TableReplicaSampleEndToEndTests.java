package io.github.dynamodbstream.samples.replica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.dynamodbstream.core.replica.DynamoDbTableReplica;
import io.github.dynamodbstream.emulator.DynamoDbEmulator;
import io.github.dynamodbstream.test.EmbeddedDynamoDbStreams;
import io.github.dynamodbstream.test.EmbeddedDynamoDbStreams.Table;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sample on the embedded emulator, as {@link TestTableReplicaApplication} runs it: the orders table made before
 * the starter looks it up, changes written through the table and read back over HTTP from the replica. The background
 * writer is off, so that only the test changes the table.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "sample.writer.enabled=false")
@EmbeddedDynamoDbStreams(tables = @Table(name = "orders", partitionKey = "id"))
class TableReplicaSampleEndToEndTests {

    private static final Duration CHANGE_SHOWS = Duration.ofSeconds(15);

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    DynamoDbClient dynamoDb;

    @Autowired
    DynamoDbTableReplica<Order> orders;

    @Autowired
    DynamoDbEmulator embeddedEmulator;

    @Autowired
    Environment environment;

    @BeforeEach
    void replicaIsReady() {
        assertThat(orders.awaitReady(Duration.ofSeconds(30))).isTrue();
    }

    @Test
    void runsOnTheEmbeddedEmulatorWithTheOrdersTableMadeBeforeTheStarterLookedItUp() {
        assertThat(environment.getProperty("dynamodb.stream.endpoint"))
                .isEqualTo(embeddedEmulator.endpoint().toString());
        assertThat(dynamoDb.describeTable(request -> request.tableName("orders")).table().latestStreamArn())
                .isNotBlank();
        assertThat(orders.tableName()).isEqualTo("orders");
    }

    @Test
    void listsTheOrdersOfTheTable() {
        for (String id : List.of("order-list-1", "order-list-2")) {
            dynamoDb.putItem(request -> request.tableName("orders")
                    .item(OrdersTable.order(id, "ada", "NEW", 1_099, 1)));
        }

        await().atMost(CHANGE_SHOWS).untilAsserted(() -> {
            HttpResponse<String> response = get("/orders");
            assertThat(response.statusCode()).isEqualTo(200);
            List<Map<String, Object>> listed = json.readValue(response.body(), new TypeReference<>() { });
            List<String> tableIds = dynamoDb.scanPaginator(request -> request.tableName("orders")
                    .consistentRead(true)).items().stream().map(item -> item.get("id").s()).sorted().toList();
            assertThat(tableIds).contains("order-list-1", "order-list-2");
            assertThat(listed).extracting(order -> order.get("id")).containsExactlyElementsOf(tableIds);
        });
    }

    @Test
    void showsAnOrderWrittenThroughTheTableThenItsChangeThenNotFoundOnceDeleted() {
        dynamoDb.putItem(request -> request.tableName("orders")
                .item(OrdersTable.order("order-e2e", "grace", "NEW", 4_250, 1)));
        await().atMost(CHANGE_SHOWS).untilAsserted(() ->
                assertThat(getOrder("order-e2e")).containsEntry("status", "NEW").containsEntry("customer", "grace"));

        dynamoDb.putItem(request -> request.tableName("orders")
                .item(OrdersTable.order("order-e2e", "grace", "PAID", 4_250, 2)));
        await().atMost(CHANGE_SHOWS).untilAsserted(() ->
                assertThat(getOrder("order-e2e")).containsEntry("status", "PAID").containsEntry("version", 2));

        dynamoDb.deleteItem(request -> request.tableName("orders")
                .key(Map.of("id", AttributeValue.fromS("order-e2e"))));
        await().atMost(CHANGE_SHOWS).untilAsserted(() ->
                assertThat(get("/orders/order-e2e").statusCode()).isEqualTo(404));
    }

    @Test
    void answersNotFoundForAnOrderThatNeverExisted() throws Exception {
        assertThat(get("/orders/no-such-order").statusCode()).isEqualTo(404);
    }

    @Test
    void readinessProbeAndHealthShowTheReplica() throws Exception {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(get("/actuator/health/readiness").body()).contains("\"status\":\"UP\""));
        Map<String, Object> health = json.readValue(get("/actuator/health").body(), new TypeReference<>() { });
        assertThat(health).extractingByKey("components").asInstanceOf(
                org.assertj.core.api.InstanceOfAssertFactories.MAP).extractingByKey("dynamodbReplica")
                .asString().contains("ready=true", "state=READY", "table=orders");
    }

    private Map<String, Object> getOrder(String id) throws IOException, InterruptedException {
        HttpResponse<String> response = get("/orders/" + id);
        assertThat(response.statusCode()).isEqualTo(200);
        return json.readValue(response.body(), new TypeReference<>() { });
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
