package io.github.dynamodbstream.emulator.table;

import static io.github.dynamodbstream.emulator.table.TestTables.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dynamodbstream.emulator.DynamoDbEmulatorExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * Numbers as the DynamoDB developer guide's "Supported data types and naming rules" page (Number) describes them:
 * leading and trailing zeros trimmed, at most 38 significant digits; through the AWS SDK for Java v2.
 */
class NumberConformanceTest {

    @RegisterExtension
    static final DynamoDbEmulatorExtension EMULATOR = DynamoDbEmulatorExtension.create();

    @Test
    @DisplayName("HowItWorks.NamingRulesDataTypes: a number is stored and answered without its extra zeros")
    void numbersAreAnsweredInCanonicalForm() {
        DynamoDbClient client = EMULATOR.dynamoDbClient();
        String table = TestTables.createTable(client, "numbers", null);

        client.putItem(request -> request.tableName(table).item(Map.of("pk", s("a"), "sk", n("1.0"),
                "price", n("1.50"), "count", n("0100"), "sizes", AttributeValue.fromNs(List.of("2.0", "03")))));

        Map<String, AttributeValue> item = client.getItem(request -> request.tableName(table)
                .key(Map.of("pk", s("a"), "sk", n("1")))).item();
        assertThat(item.get("sk").n()).isEqualTo("1");
        assertThat(item.get("price").n()).isEqualTo("1.5");
        assertThat(item.get("count").n()).isEqualTo("100");
        assertThat(item.get("sizes").ns()).containsExactly("2", "3");
    }

    @Test
    @DisplayName("HowItWorks.NamingRulesDataTypes: sort key 1.0 and sort key 1 are one item")
    void keysWrittenDifferentlyAreOneItem() {
        DynamoDbClient client = EMULATOR.dynamoDbClient();
        String table = TestTables.createTable(client, "number-keys", null);

        client.putItem(request -> request.tableName(table).item(Map.of("pk", s("a"), "sk", n("1.0"))));
        client.putItem(request -> request.tableName(table).item(Map.of("pk", s("a"), "sk", n("1"))));

        assertThat(client.scan(request -> request.tableName(table)).items())
                .containsExactly(Map.of("pk", s("a"), "sk", n("1")));
    }

    @Test
    @DisplayName("Streams.ChangeDataCapture: re-putting 1.5 as 1.50 changes nothing and writes no record")
    void rewritingTheSameNumberWritesNoRecord() {
        DynamoDbClient client = EMULATOR.dynamoDbClient();
        String table = TestTables.createTable(client, "number-stream", StreamViewType.NEW_AND_OLD_IMAGES);

        client.putItem(request -> request.tableName(table).item(Map.of("pk", s("a"), "sk", n("1.0"),
                "price", n("1.5"))));
        client.putItem(request -> request.tableName(table).item(Map.of("pk", s("a"), "sk", n("1"),
                "price", n("1.50"))));
        client.updateItem(request -> request.tableName(table).key(Map.of("pk", s("a"), "sk", n("01")))
                .updateExpression("SET price = :p").expressionAttributeValues(Map.of(":p", n("001.500"))));

        String streamArn = client.describeTable(request -> request.tableName(table)).table().latestStreamArn();
        List<Record> records = TestTables.readAll(EMULATOR.streamsClient(), streamArn);
        assertThat(records).extracting(Record::eventName).containsExactly(OperationType.INSERT);
        assertThat(records.get(0).dynamodb().keys().get("sk").n()).isEqualTo("1");
        assertThat(records.get(0).dynamodb().newImage().get("price").n()).isEqualTo("1.5");
    }

    @Test
    @DisplayName("HowItWorks.NamingRulesDataTypes: 39 significant digits are a ValidationException")
    void thirtyNineSignificantDigitsAreRejected() {
        DynamoDbClient client = EMULATOR.dynamoDbClient();
        String table = TestTables.createTable(client, "number-precision", null);
        String digits = "1" + "0".repeat(37) + "1";

        assertThatThrownBy(() -> client.putItem(request -> request.tableName(table)
                .item(Map.of("pk", s("a"), "sk", n("1"), "big", n(digits)))))
                .isInstanceOfSatisfying(DynamoDbException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
        client.putItem(request -> request.tableName(table)
                .item(Map.of("pk", s("a"), "sk", n("1"), "big", n(digits.substring(1) + "000"))));
    }

    @Test
    @DisplayName("HowItWorks.NamingRulesDataTypes (Sets): a number set holding 1 and 1.0 has a duplicate")
    void equalNumbersInASetAreDuplicates() {
        DynamoDbClient client = EMULATOR.dynamoDbClient();
        String table = TestTables.createTable(client, "number-sets", null);

        assertThatThrownBy(() -> client.putItem(request -> request.tableName(table)
                .item(Map.of("pk", s("a"), "sk", n("1"), "set", AttributeValue.fromNs(List.of("1", "1.0"))))))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                    assertThat(e.getMessage()).contains("duplicates");
                });
    }

    @Test
    @DisplayName("update arithmetic that leaves the range is a ValidationException")
    void arithmeticBeyondTheRangeIsRejected() {
        DynamoDbClient client = EMULATOR.dynamoDbClient();
        String table = TestTables.createTable(client, "number-arithmetic", null);
        client.putItem(request -> request.tableName(table)
                .item(Map.of("pk", s("a"), "sk", n("1"), "v", n("9.9E+125"))));

        assertThatThrownBy(() -> client.updateItem(request -> request.tableName(table)
                .key(Map.of("pk", s("a"), "sk", n("1"))).updateExpression("SET v = v + v")))
                .isInstanceOfSatisfying(DynamoDbException.class,
                        e -> assertThat(e.getMessage()).contains("Number overflow"));
    }

    private static AttributeValue n(String number) {
        return AttributeValue.fromN(number);
    }
}
