package io.github.dynamodbstream.core.replica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.dynamodbstream.core.record.ItemMapper;
import io.github.dynamodbstream.core.replica.ReplicaFailedException.Reason;
import io.github.dynamodbstream.emulator.DynamoDbEmulatorExtension;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * Scanned items and stream changes reach the application as the same type: an Enhanced Client bean, or what an
 * {@link ItemMapper} makes; keys are built from the table's key schema.
 */
class ReplicaTypedItemsTest {

    @RegisterExtension
    static final DynamoDbEmulatorExtension EMULATOR = DynamoDbEmulatorExtension.create();

    record Line(String orderId, int line, int quantity) {
    }

    private static final ItemMapper<Line> LINES = image -> new Line(image.get("orderId").s(),
            Integer.parseInt(image.get("line").n()), Integer.parseInt(image.get("quantity").n()));

    @BeforeAll
    static void createTable() {
        EMULATOR.dynamoDbClient().createTable(request -> request.tableName("lines")
                .keySchema(key -> key.attributeName("orderId").keyType(KeyType.HASH),
                        key -> key.attributeName("line").keyType(KeyType.RANGE))
                .attributeDefinitions(
                        attribute -> attribute.attributeName("orderId").attributeType(ScalarAttributeType.S),
                        attribute -> attribute.attributeName("line").attributeType(ScalarAttributeType.N))
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .streamSpecification(stream -> stream.streamEnabled(true)
                        .streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
        EMULATOR.awaitActive("lines");
        putLine("o-1", 1, 3);
        putLine("o-1", 2, 5);
    }

    private static void putLine(String orderId, int line, int quantity) {
        EMULATOR.dynamoDbClient().putItem(request -> request.tableName("lines").item(Map.of(
                "orderId", AttributeValue.fromS(orderId),
                "line", AttributeValue.fromN(Integer.toString(line)),
                "quantity", AttributeValue.fromN(Integer.toString(quantity)))));
    }

    private static DynamoDbTableReplica.Builder<Map<String, Object>> lines() {
        DynamoDbClient dynamoDb = EMULATOR.dynamoDbClient();
        return DynamoDbTableReplica.builder().dynamoDbClient(dynamoDb).streamsClient(EMULATOR.streamsClient())
                .tableName("lines").pollInterval(Duration.ofMillis(50));
    }

    @Test
    void beansFromTheScanAndFromTheStream() {
        try (DynamoDbTableReplica<LineBean> replica = lines().itemType(LineBean.class).build()) {
            replica.start();
            assertThat(replica.awaitReady(Duration.ofSeconds(20))).isTrue();
            assertThat(replica.get("o-1", 2).getQuantity()).as("scanned").isEqualTo(5);

            putLine("o-1", 2, 7);
            putLine("o-2", 1, 1);

            await().atMost(Duration.ofSeconds(10)).until(() -> replica.get("o-2", 1) != null);
            await().atMost(Duration.ofSeconds(10)).until(() -> replica.get("o-1", 2).getQuantity() == 7);
            assertThat(replica.values()).extracting(LineBean::getOrderId).contains("o-1", "o-2");
        }
    }

    @Test
    void itemsMadeByAnItemMapperAndKeysOfEveryForm() {
        try (DynamoDbTableReplica<Line> replica = lines().itemMapper(LINES).build()) {
            replica.start();
            assertThat(replica.awaitReady(Duration.ofSeconds(20))).isTrue();

            assertThat(replica.get("o-1", 1)).isEqualTo(new Line("o-1", 1, 3));
            assertThat(replica.get("o-1", 1L)).isEqualTo(new Line("o-1", 1, 3));
            assertThat(replica.get(Map.of("orderId", AttributeValue.fromS("o-1"), "line", AttributeValue.fromN("1"),
                    "quantity", AttributeValue.fromN("99")))).as("an item's other attributes are ignored")
                    .isEqualTo(new Line("o-1", 1, 3));
            assertThat(replica.get("o-1", 9)).isNull();
            assertThatThrownBy(() -> replica.get("o-1")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("has a sort key 'line'");
            assertThatThrownBy(() -> replica.get("o-1", "1")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'line'").hasMessageContaining("type N").hasMessageContaining("a Number");
            assertThatThrownBy(() -> replica.get(Map.of("orderId", AttributeValue.fromS("o-1"))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs attribute 'line'");
        }
    }

    @Test
    void itemTheMapperCannotMapStopsTheReplica() {
        ItemMapper<Line> strict = image -> {
            if (image.get("quantity").n().equals("0")) {
                throw new IllegalArgumentException("a line needs a quantity");
            }
            return LINES.map(image);
        };
        try (DynamoDbTableReplica<Line> replica = lines().itemMapper(strict).build()) {
            replica.start();
            assertThat(replica.awaitReady(Duration.ofSeconds(20))).isTrue();

            putLine("o-3", 1, 0);

            await().atMost(Duration.ofSeconds(10)).until(() -> replica.state() == ReplicaState.FAILED);
            assertThat(replica.failure()).get()
                    .satisfies(failure -> assertThat(failure.reason()).isEqualTo(Reason.MAPPING_FAILED))
                    .satisfies(failure -> assertThat(failure).hasMessageContaining("a line needs a quantity"));
        }
    }
}
