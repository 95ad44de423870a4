package io.github.dynamodbstream.emulator.table;

import static io.github.dynamodbstream.emulator.table.TestTables.item;
import static io.github.dynamodbstream.emulator.table.TestTables.key;
import static io.github.dynamodbstream.emulator.table.TestTables.n;
import static io.github.dynamodbstream.emulator.table.TestTables.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** PutItem, GetItem, UpdateItem, DeleteItem, BatchWriteItem and BatchGetItem through the AWS SDK. */
class ItemConformanceTest extends FreshTableConformanceTest {

    ItemConformanceTest() {
        super("items");
    }

    @Test
    @DisplayName("API_PutItem + API_GetItem: the item reads back, a missing item reads as no item")
    void putItemReadsBack() {
        client.putItem(request -> request.tableName(table).item(item("a", 1, "hello")));

        Map<String, AttributeValue> read = client.getItem(request -> request.tableName(table)
                .key(key("a", 1)).consistentRead(true)).item();

        assertThat(read).isEqualTo(item("a", 1, "hello"));
        assertThat(client.getItem(request -> request.tableName(table).key(key("b", 1))).hasItem()).isFalse();
    }

    @Test
    @DisplayName("API_GetItem: ProjectionExpression returns only the named attributes")
    void getItemProjectsAttributes() {
        client.putItem(request -> request.tableName(table).item(item("a", 1, "hello")));

        Map<String, AttributeValue> read = client.getItem(request -> request.tableName(table).key(key("a", 1))
                .projectionExpression("#v").expressionAttributeNames(Map.of("#v", "v"))).item();

        assertThat(read).containsOnlyKeys("v");
    }

    @Test
    @DisplayName("API_PutItem: ConditionExpression attribute_not_exists fails on an existing item")
    void conditionalPutFailsOnExistingItem() {
        client.putItem(request -> request.tableName(table).item(item("a", 1, "first")));

        assertThatThrownBy(() -> client.putItem(request -> request.tableName(table).item(item("a", 1, "second"))
                .conditionExpression("attribute_not_exists(pk)")))
                .isInstanceOf(ConditionalCheckFailedException.class);
        assertThat(client.getItem(request -> request.tableName(table).key(key("a", 1))).item().get("v").s())
                .isEqualTo("first");
    }

    @Test
    @DisplayName("API_PutItem: ReturnValues ALL_OLD answers the replaced item")
    void putReturnsTheOldItem() {
        client.putItem(request -> request.tableName(table).item(item("a", 1, "first")));

        Map<String, AttributeValue> old = client.putItem(request -> request.tableName(table)
                .item(item("a", 1, "second")).returnValues(ReturnValue.ALL_OLD)).attributes();

        assertThat(old).isEqualTo(item("a", 1, "first"));
    }

    @Test
    @DisplayName("API_PutItem: ReturnValues other than NONE and ALL_OLD is a ValidationException")
    void putRejectsReturnValuesAllNew() {
        assertThatThrownBy(() -> client.putItem(request -> request.tableName(table).item(item("a", 1, "x"))
                .returnValues(ReturnValue.ALL_NEW)))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> assertThat(e.statusCode()).isEqualTo(400))
                .hasMessageContaining("ReturnValues can only be ALL_OLD or NONE");
    }

    @Test
    @DisplayName("API_UpdateItem: creates the item when it is missing and answers ALL_NEW")
    void updateCreatesAMissingItem() {
        UpdateItemResponse response = client.updateItem(request -> request.tableName(table).key(key("a", 1))
                .updateExpression("SET v = :v ADD hits :one")
                .expressionAttributeValues(Map.of(":v", s("made"), ":one", n(1)))
                .returnValues(ReturnValue.ALL_NEW));

        assertThat(response.attributes()).containsEntry("v", s("made")).containsEntry("hits", n(1))
                .containsEntry("pk", s("a"));
        assertThat(client.getItem(request -> request.tableName(table).key(key("a", 1))).item())
                .isEqualTo(response.attributes());
    }

    @Test
    @DisplayName("API_UpdateItem: UPDATED_OLD and UPDATED_NEW answer only the changed attributes")
    void updateAnswersTheUpdatedAttributes() {
        client.putItem(request -> request.tableName(table).item(item("a", 1, "before")));

        Map<String, AttributeValue> oldValues = client.updateItem(request -> request.tableName(table)
                .key(key("a", 1)).updateExpression("SET v = :v")
                .expressionAttributeValues(Map.of(":v", s("after"))).returnValues(ReturnValue.UPDATED_OLD))
                .attributes();
        Map<String, AttributeValue> newValues = client.updateItem(request -> request.tableName(table)
                .key(key("a", 1)).updateExpression("SET v = :v")
                .expressionAttributeValues(Map.of(":v", s("last"))).returnValues(ReturnValue.UPDATED_NEW))
                .attributes();

        assertThat(oldValues).isEqualTo(Map.of("v", s("before")));
        assertThat(newValues).isEqualTo(Map.of("v", s("last")));
    }

    @Test
    @DisplayName("API_UpdateItem: a key attribute cannot be updated")
    void updatingAKeyAttributeFails() {
        assertThatThrownBy(() -> client.updateItem(request -> request.tableName(table).key(key("a", 1))
                .updateExpression("SET sk = :two").expressionAttributeValues(Map.of(":two", n(2)))))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> assertThat(e.statusCode()).isEqualTo(400))
                .hasMessageContaining("Cannot update attribute sk. This attribute is part of the key");
    }

    @Test
    @DisplayName("API_UpdateItem: ConditionExpression on a missing item fails")
    void conditionalUpdateOfMissingItemFails() {
        assertThatThrownBy(() -> client.updateItem(request -> request.tableName(table).key(key("a", 1))
                .updateExpression("SET v = :v").conditionExpression("attribute_exists(pk)")
                .expressionAttributeValues(Map.of(":v", s("x")))))
                .isInstanceOf(ConditionalCheckFailedException.class);
        assertThat(client.getItem(request -> request.tableName(table).key(key("a", 1))).hasItem()).isFalse();
    }

    @Test
    @DisplayName("API_DeleteItem: ReturnValues ALL_OLD answers the deleted item; a failed condition keeps it")
    void deleteReturnsTheOldItemAndHonoursItsCondition() {
        client.putItem(request -> request.tableName(table).item(item("a", 1, "x")));

        assertThatThrownBy(() -> client.deleteItem(request -> request.tableName(table).key(key("a", 1))
                .conditionExpression("v = :other").expressionAttributeValues(Map.of(":other", s("y")))))
                .isInstanceOf(ConditionalCheckFailedException.class);
        Map<String, AttributeValue> old = client.deleteItem(request -> request.tableName(table).key(key("a", 1))
                .returnValues(ReturnValue.ALL_OLD)).attributes();

        assertThat(old).isEqualTo(item("a", 1, "x"));
        assertThat(client.getItem(request -> request.tableName(table).key(key("a", 1))).hasItem()).isFalse();
    }

    @Test
    void writeToAMissingTableFailsWithResourceNotFound() {
        assertThatThrownBy(() -> client.putItem(request -> request.tableName("no-such-table")
                .item(item("a", 1, "x"))))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    @DisplayName("API_PutItem: a missing key attribute is a ValidationException with DynamoDB's message")
    void itemWithoutItsKeyIsRejected() {
        assertThatThrownBy(() -> client.putItem(request -> request.tableName(table)
                .item(Map.of("pk", s("a"), "v", s("x")))))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                })
                .hasMessageContaining("One or more parameter values were invalid: Missing the key sk in the item");
    }

    @Test
    @DisplayName("API_GetItem: a key of the wrong type is a ValidationException")
    void keyOfTheWrongTypeIsRejected() {
        assertThatThrownBy(() -> client.getItem(request -> request.tableName(table)
                .key(Map.of("pk", s("a"), "sk", s("one")))))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> assertThat(e.statusCode()).isEqualTo(400))
                .hasMessageContaining("The provided key element does not match the schema");
    }

    @Test
    @DisplayName("ServiceQuotas (item size): an item over 400 KB is a ValidationException")
    void itemOverTheSizeLimitIsRejected() {
        assertThatThrownBy(() -> client.putItem(request -> request.tableName(table)
                .item(item("a", 1, "x".repeat(400 * 1024)))))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> assertThat(e.statusCode()).isEqualTo(400))
                .hasMessageContaining("Item size has exceeded the maximum allowed size");
    }

    @Test
    @DisplayName("Expressions: an unused ExpressionAttributeValues entry is a ValidationException")
    void unusedExpressionValueIsRejected() {
        assertThatThrownBy(() -> client.putItem(request -> request.tableName(table).item(item("a", 1, "x"))
                .conditionExpression("attribute_not_exists(pk)")
                .expressionAttributeValues(Map.of(":unused", s("x")))))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> assertThat(e.statusCode()).isEqualTo(400))
                .hasMessageContaining("unused in expressions: keys: {:unused}");
    }

    @Test
    @DisplayName("API_BatchWriteItem + API_BatchGetItem: puts and deletes apply, nothing is left unprocessed")
    void batchWritesAndReadsEveryItem() {
        client.putItem(request -> request.tableName(table).item(item("gone", 1, "x")));
        List<WriteRequest> writes = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item("b", i, "v" + i)).build())
                    .build());
        }
        writes.add(WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(key("gone", 1)).build()).build());

        BatchWriteItemResponse written = client.batchWriteItem(request -> request.requestItems(Map.of(table, writes)));
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            keys.add(key("b", i));
        }
        keys.add(key("gone", 1));
        BatchGetItemResponse read = client.batchGetItem(request -> request.requestItems(
                Map.of(table, KeysAndAttributes.builder().keys(keys).build())));

        assertThat(written.unprocessedItems()).isEmpty();
        assertThat(read.unprocessedKeys()).isEmpty();
        assertThat(read.responses().get(table)).hasSize(24).contains(item("b", 7, "v7"));
    }

    @Test
    @DisplayName("API_BatchWriteItem: more than 25 requests is a ValidationException")
    void batchOfTwentySixWritesIsRejected() {
        List<WriteRequest> writes = new ArrayList<>();
        for (int i = 0; i < 26; i++) {
            writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item("c", i, "v")).build())
                    .build());
        }

        assertThatThrownBy(() -> client.batchWriteItem(request -> request.requestItems(Map.of(table, writes))))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> assertThat(e.statusCode()).isEqualTo(400));
        assertThat(client.scan(request -> request.tableName(table)).count()).isZero();
    }

    @Test
    @DisplayName("API_BatchGetItem: more than 100 keys is a ValidationException")
    void batchGetOfMoreThanAHundredKeysIsRejected() {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            keys.add(key("d", i));
        }

        assertThatThrownBy(() -> client.batchGetItem(request -> request.requestItems(
                Map.of(table, KeysAndAttributes.builder().keys(keys).build()))))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> assertThat(e.statusCode()).isEqualTo(400))
                .hasMessageContaining("Too many items requested for the BatchGetItem call");
    }
}
