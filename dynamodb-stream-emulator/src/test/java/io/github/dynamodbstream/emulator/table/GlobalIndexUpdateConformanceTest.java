package io.github.dynamodbstream.emulator.table;

import static io.github.dynamodbstream.emulator.table.TestTables.n;
import static io.github.dynamodbstream.emulator.table.TestTables.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dynamodbstream.emulator.DynamoDbEmulatorExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexUpdate;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/** UpdateTable with GlobalSecondaryIndexUpdates (Create, Delete) and Query on the new index, through the AWS SDK. */
class GlobalIndexUpdateConformanceTest extends FreshTableConformanceTest {

    private static final String INDEX = "OwnerIndex";

    GlobalIndexUpdateConformanceTest() {
        super("gsi-update");
    }

    @Test
    @DisplayName("API_UpdateTable: Create adds an ACTIVE index and its key to AttributeDefinitions")
    void createdIndexIsDescribedActive() {
        TableDescription updated = createOwnerIndex();

        assertThat(updated.globalSecondaryIndexes()).extracting(GlobalSecondaryIndexDescription::indexName)
                .containsExactly(INDEX);
        TableDescription described = client.describeTable(request -> request.tableName(table)).table();
        GlobalSecondaryIndexDescription index = described.globalSecondaryIndexes().get(0);
        assertThat(index.indexStatus()).isEqualTo(IndexStatus.ACTIVE);
        assertThat(index.keySchema()).extracting(KeySchemaElement::attributeName).containsExactly("owner");
        assertThat(described.attributeDefinitions()).extracting(AttributeDefinition::attributeName)
                .containsExactlyInAnyOrder("pk", "sk", "owner");
    }

    @Test
    @DisplayName("API_Query: a created index holds items written before and after its creation, keys only")
    void queryOnCreatedIndexSeesEveryOwnedItem() {
        client.putItem(request -> request.tableName(table).item(lease("a", "worker-1")));
        client.putItem(request -> request.tableName(table).item(lease("b", "worker-2")));
        createOwnerIndex();
        client.putItem(request -> request.tableName(table).item(lease("c", "worker-1")));
        client.putItem(request -> request.tableName(table).item(Map.of("pk", s("d"), "sk", n(0))));

        List<Map<String, AttributeValue>> owned = client.queryPaginator(request -> request.tableName(table)
                .indexName(INDEX).keyConditionExpression("#o = :o")
                .expressionAttributeNames(Map.of("#o", "owner"))
                .expressionAttributeValues(Map.of(":o", s("worker-1")))).items().stream().toList();

        assertThat(owned).extracting(item -> item.get("pk").s()).containsExactlyInAnyOrder("a", "c");
        assertThat(owned).allSatisfy(item -> assertThat(item).containsOnlyKeys("pk", "sk", "owner"));
    }

    @Test
    @DisplayName("API_UpdateTable: Delete removes the index; a Query on it is then a ValidationException")
    void deletedIndexIsGone() {
        createOwnerIndex();

        TableDescription updated = client.updateTable(request -> request.tableName(table)
                .globalSecondaryIndexUpdates(GlobalSecondaryIndexUpdate.builder()
                        .delete(delete -> delete.indexName(INDEX)).build())).tableDescription();

        assertThat(updated.globalSecondaryIndexes()).isEmpty();
        assertThat(updated.attributeDefinitions()).extracting(AttributeDefinition::attributeName)
                .containsExactlyInAnyOrder("pk", "sk");
        assertThatThrownBy(() -> client.query(request -> request.tableName(table).indexName(INDEX)
                .keyConditionExpression("#o = :o").expressionAttributeNames(Map.of("#o", "owner"))
                .expressionAttributeValues(Map.of(":o", s("worker-1")))))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageContaining(INDEX);
    }

    @Test
    @DisplayName("API_UpdateTable: creating an index that exists, or without its AttributeDefinitions, fails")
    void invalidCreatesFail() {
        createOwnerIndex();

        assertThatThrownBy(this::createOwnerIndex).isInstanceOf(DynamoDbException.class)
                .hasMessageContaining("already exists");
        assertThatThrownBy(() -> client.updateTable(request -> request.tableName(table)
                .globalSecondaryIndexUpdates(createUpdate("Other", "other"))))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageContaining("AttributeDefinitions");
    }

    /** Adds the owner index and waits until the table is ACTIVE again; returns UpdateTable's answer. */
    private TableDescription createOwnerIndex() {
        TableDescription updated = client.updateTable(request -> request.tableName(table)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("owner")
                        .attributeType(ScalarAttributeType.S).build())
                .globalSecondaryIndexUpdates(createUpdate(INDEX, "owner"))).tableDescription();
        DynamoDbEmulatorExtension.awaitActive(client, table);
        return updated;
    }

    private static GlobalSecondaryIndexUpdate createUpdate(String name, String hashKey) {
        return GlobalSecondaryIndexUpdate.builder().create(create -> create.indexName(name)
                .keySchema(KeySchemaElement.builder().attributeName(hashKey).keyType(KeyType.HASH).build())
                .projection(projection -> projection.projectionType(ProjectionType.KEYS_ONLY))).build();
    }

    private static Map<String, AttributeValue> lease(String pk, String owner) {
        return Map.of("pk", s(pk), "sk", n(0), "owner", s(owner), "checkpoint", s("TRIM_HORIZON"));
    }
}
