package io.github.dynamodbstream.emulator.table;

import static io.github.dynamodbstream.emulator.table.TestTables.item;
import static io.github.dynamodbstream.emulator.table.TestTables.key;
import static io.github.dynamodbstream.emulator.table.TestTables.n;
import static io.github.dynamodbstream.emulator.table.TestTables.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeAction;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.AttributeValueUpdate;
import software.amazon.awssdk.services.dynamodb.model.ComparisonOperator;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ConditionalOperator;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ExpectedAttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * The legacy conditional-write parameters (Expected, ConditionalOperator, AttributeUpdates) of PutItem, UpdateItem
 * and DeleteItem through the AWS SDK, in the forms lease-keeping clients such as the Kinesis Client Library send.
 */
class LegacyConditionalWriteConformanceTest extends FreshTableConformanceTest {

    LegacyConditionalWriteConformanceTest() {
        super("legacy");
    }

    @Test
    @DisplayName("API_PutItem: Expected Exists false creates a new item and fails on an existing one")
    void expectedNotExistsGuardsCreation() {
        Map<String, ExpectedAttributeValue> absent = Map.of("pk", ExpectedAttributeValue.builder().exists(false).build());

        client.putItem(request -> request.tableName(table).item(item("a", 1, "first")).expected(absent));

        assertThatThrownBy(() -> client.putItem(request -> request.tableName(table).item(item("a", 1, "second"))
                .expected(absent))).isInstanceOf(ConditionalCheckFailedException.class);
        assertThat(read("a", 1).get("v").s()).isEqualTo("first");
    }

    @Test
    @DisplayName("API_UpdateItem: Expected Value with AttributeUpdates PUT and ADD, as a lease counter renewal")
    void expectedValueGuardsAnUpdate() {
        client.putItem(request -> request.tableName(table).item(Map.of("pk", s("lease"), "sk", n(1),
                "counter", n(7), "owner", s("worker-1"))));
        Map<String, ExpectedAttributeValue> counterIs7 =
                Map.of("counter", ExpectedAttributeValue.builder().value(n(7)).build());
        Map<String, AttributeValueUpdate> renew = Map.of(
                "counter", AttributeValueUpdate.builder().action(AttributeAction.ADD).value(n(1)).build(),
                "owner", AttributeValueUpdate.builder().action(AttributeAction.PUT).value(s("worker-2")).build());

        Map<String, AttributeValue> updated = client.updateItem(request -> request.tableName(table)
                .key(key("lease", 1)).expected(counterIs7).attributeUpdates(renew)
                .returnValues(ReturnValue.ALL_NEW)).attributes();

        assertThat(updated).containsEntry("counter", n(8)).containsEntry("owner", s("worker-2"));
        assertThatThrownBy(() -> client.updateItem(request -> request.tableName(table).key(key("lease", 1))
                .expected(counterIs7).attributeUpdates(renew)))
                .isInstanceOf(ConditionalCheckFailedException.class);
        assertThat(read("lease", 1).get("counter")).isEqualTo(n(8));
    }

    @Test
    @DisplayName("API_UpdateItem: AttributeUpdates DELETE without a value removes the attribute")
    void attributeUpdateDeleteRemovesTheAttribute() {
        client.putItem(request -> request.tableName(table).item(Map.of("pk", s("a"), "sk", n(1),
                "owner", s("worker-1"), "checkpoint", s("42"))));

        client.updateItem(request -> request.tableName(table).key(key("a", 1)).attributeUpdates(
                Map.of("owner", AttributeValueUpdate.builder().action(AttributeAction.DELETE).build())));

        assertThat(read("a", 1)).doesNotContainKey("owner").containsEntry("checkpoint", s("42"));
    }

    @Test
    @DisplayName("API_DeleteItem: Expected with ComparisonOperator EQ, NOT_NULL and BEGINS_WITH, all must hold")
    void comparisonOperatorsAreAndedByDefault() {
        client.putItem(request -> request.tableName(table).item(item("a", 1, "worker-1")));
        Map<String, ExpectedAttributeValue> wrongOwner = Map.of(
                "v", comparison(ComparisonOperator.EQ, s("worker-2")),
                "pk", ExpectedAttributeValue.builder().comparisonOperator(ComparisonOperator.NOT_NULL).build());

        assertThatThrownBy(() -> client.deleteItem(request -> request.tableName(table).key(key("a", 1))
                .expected(wrongOwner))).isInstanceOf(ConditionalCheckFailedException.class);

        client.deleteItem(request -> request.tableName(table).key(key("a", 1)).expected(Map.of(
                "v", comparison(ComparisonOperator.BEGINS_WITH, s("worker-")),
                "pk", ExpectedAttributeValue.builder().comparisonOperator(ComparisonOperator.NOT_NULL).build())));
        assertThat(client.getItem(request -> request.tableName(table).key(key("a", 1))).hasItem()).isFalse();
    }

    @Test
    @DisplayName("API_PutItem: ConditionalOperator OR passes when one expectation holds; IN and BETWEEN compare")
    void conditionalOperatorOrNeedsOneExpectation() {
        client.putItem(request -> request.tableName(table).item(item("a", 5, "x")));
        Map<String, ExpectedAttributeValue> eitherHolds = Map.of(
                "v", ExpectedAttributeValue.builder().comparisonOperator(ComparisonOperator.IN)
                        .attributeValueList(s("y"), s("z")).build(),
                "sk", ExpectedAttributeValue.builder().comparisonOperator(ComparisonOperator.BETWEEN)
                        .attributeValueList(n(1), n(9)).build());

        client.putItem(request -> request.tableName(table).item(item("a", 5, "replaced"))
                .expected(eitherHolds).conditionalOperator(ConditionalOperator.OR));
        assertThat(read("a", 5).get("v").s()).isEqualTo("replaced");

        assertThatThrownBy(() -> client.putItem(request -> request.tableName(table).item(item("a", 5, "again"))
                .expected(eitherHolds).conditionalOperator(ConditionalOperator.AND)))
                .isInstanceOf(ConditionalCheckFailedException.class);
    }

    @Test
    @DisplayName("API_PutItem: Expected together with ConditionExpression is a ValidationException")
    void legacyAndExpressionParametersDoNotMix() {
        assertThatThrownBy(() -> client.putItem(request -> request.tableName(table).item(item("a", 1, "x"))
                .expected(Map.of("pk", ExpectedAttributeValue.builder().exists(false).build()))
                .conditionExpression("attribute_not_exists(pk)")))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageContaining("Can not use both expression and non-expression parameters")
                .hasMessageContaining("Expected");
    }

    @Test
    @DisplayName("API_PutItem: Exists true without a Value is a ValidationException naming the attribute")
    void existsWithoutValueFails() {
        assertThatThrownBy(() -> client.putItem(request -> request.tableName(table).item(item("a", 1, "x"))
                .expected(Map.of("owner", ExpectedAttributeValue.builder().exists(true).build()))))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageContaining("Value must be provided when Exists is true")
                .hasMessageContaining("owner");
    }

    private static ExpectedAttributeValue comparison(ComparisonOperator operator, AttributeValue value) {
        return ExpectedAttributeValue.builder().comparisonOperator(operator).attributeValueList(value).build();
    }

    private Map<String, AttributeValue> read(String pk, long sk) {
        return client.getItem(request -> request.tableName(table).key(key(pk, sk)).consistentRead(true)).item();
    }
}
