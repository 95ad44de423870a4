package io.github.dynamodbstream.emulator.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dynamodbstream.emulator.DynamoDbEmulatorExtension;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ListTablesResponse;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/** CreateTable, DescribeTable, UpdateTable, DeleteTable and ListTables through the AWS SDK. */
class TableAdminConformanceTest {

    @RegisterExtension
    static final DynamoDbEmulatorExtension EMULATOR = DynamoDbEmulatorExtension.create();

    @Test
    @DisplayName("API_CreateTable + API_DescribeTable: an ACTIVE table described with keys, stream and billing")
    void createdTableIsActiveAndDescribedWithItsStream() {
        DynamoDbClient client = EMULATOR.dynamoDbClient();
        String name = TestTables.createTable(client, "described", StreamViewType.NEW_AND_OLD_IMAGES);

        TableDescription table = client.describeTable(request -> request.tableName(name)).table();

        assertThat(table.tableStatus()).isEqualTo(TableStatus.ACTIVE);
        assertThat(table.keySchema()).extracting(KeySchemaElement::attributeName).containsExactly("pk", "sk");
        assertThat(table.attributeDefinitions()).extracting(AttributeDefinition::attributeName)
                .containsExactlyInAnyOrder("pk", "sk");
        assertThat(table.creationDateTime()).isCloseTo(EMULATOR.emulator().now(),
                org.assertj.core.api.Assertions.within(5, java.time.temporal.ChronoUnit.SECONDS));
        assertThat(table.tableArn()).isEqualTo("arn:aws:dynamodb:us-east-1:000000000000:table/" + name);
        assertThat(table.billingModeSummary().billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
        assertThat(table.streamSpecification().streamEnabled()).isTrue();
        assertThat(table.streamSpecification().streamViewType()).isEqualTo(StreamViewType.NEW_AND_OLD_IMAGES);
        assertThat(table.latestStreamArn()).startsWith(table.tableArn() + "/stream/")
                .endsWith(table.latestStreamLabel());
        assertThat(table.itemCount()).isZero();
    }

    @Test
    void itemCountAndSizeFollowTheItems() {
        DynamoDbClient client = EMULATOR.dynamoDbClient();
        String name = TestTables.createTable(client, "counted", null);
        for (int i = 0; i < 3; i++) {
            int sk = i;
            client.putItem(request -> request.tableName(name)
                    .item(java.util.Map.of("pk", TestTables.s("p"), "sk", TestTables.n(sk))));
        }

        TableDescription table = client.describeTable(request -> request.tableName(name)).table();

        assertThat(table.itemCount()).isEqualTo(3);
        assertThat(table.tableSizeBytes()).isPositive();
    }

    @Test
    @DisplayName("API_CreateTable: ResourceInUseException for a table that exists")
    void creatingAnExistingTableFailsWithResourceInUse() {
        DynamoDbClient client = EMULATOR.dynamoDbClient();
        String name = TestTables.createTable(client, "twice", null);

        assertThatThrownBy(() -> client.createTable(request -> request.tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(definition("pk", ScalarAttributeType.S))
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())))
                .isInstanceOf(ResourceInUseException.class)
                .hasMessageContaining(name);
    }

    @Test
    @DisplayName("API_CreateTable: a key attribute missing from AttributeDefinitions is a ValidationException")
    void keyAttributeWithoutDefinitionIsRejected() {
        DynamoDbClient client = EMULATOR.dynamoDbClient();

        assertThatThrownBy(() -> client.createTable(request -> request.tableName("undefined-key")
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(definition("other", ScalarAttributeType.S))
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                });
    }

    @Test
    @DisplayName("API_CreateTable: PROVISIONED without ProvisionedThroughput is a ValidationException")
    void provisionedTableNeedsThroughput() {
        DynamoDbClient client = EMULATOR.dynamoDbClient();

        assertThatThrownBy(() -> client.createTable(request -> request.tableName("no-throughput")
                .billingMode(BillingMode.PROVISIONED)
                .attributeDefinitions(definition("pk", ScalarAttributeType.S))
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> assertThat(e.statusCode()).isEqualTo(400))
                .hasMessageContaining("ReadCapacityUnits and WriteCapacityUnits");
    }

    @Test
    void globalSecondaryIndexIsDescribed() {
        DynamoDbClient client = EMULATOR.dynamoDbClient();
        String name = TestTables.uniqueName("indexed");
        client.createTable(request -> request.tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(definition("pk", ScalarAttributeType.S), definition("status",
                        ScalarAttributeType.S))
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder()
                        .indexName("byStatus")
                        .keySchema(KeySchemaElement.builder().attributeName("status").keyType(KeyType.HASH).build())
                        .projection(projection -> projection.projectionType(ProjectionType.KEYS_ONLY))
                        .build()));

        TableDescription table = client.describeTable(request -> request.tableName(name)).table();

        assertThat(table.globalSecondaryIndexes()).singleElement().satisfies(index -> {
            assertThat(index.indexName()).isEqualTo("byStatus");
            assertThat(index.indexStatusAsString()).isEqualTo("ACTIVE");
            assertThat(index.projection().projectionType()).isEqualTo(ProjectionType.KEYS_ONLY);
            assertThat(index.indexArn()).isEqualTo(table.tableArn() + "/index/byStatus");
        });
    }

    @Test
    @DisplayName("API_DescribeTable: ResourceNotFoundException for a table that does not exist")
    void describingAMissingTableFailsWithResourceNotFound() {
        assertThatThrownBy(() -> EMULATOR.dynamoDbClient().describeTable(request -> request.tableName("missing")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    @DisplayName("API_UpdateTable: turning the stream off and on opens a new stream with a new label")
    void streamTurnedOffAndOnAgainHasANewLabel() {
        DynamoDbClient client = EMULATOR.dynamoDbClient();
        String name = TestTables.createTable(client, "restreamed", StreamViewType.KEYS_ONLY);
        String firstLabel = client.describeTable(request -> request.tableName(name)).table().latestStreamLabel();
        EMULATOR.emulator().advanceClock(java.time.Duration.ofSeconds(2));

        TableDescription off = client.updateTable(request -> request.tableName(name)
                .streamSpecification(spec -> spec.streamEnabled(false))).tableDescription();
        EMULATOR.awaitActive(name);
        TableDescription on = client.updateTable(request -> request.tableName(name)
                .streamSpecification(spec -> spec.streamEnabled(true).streamViewType(StreamViewType.NEW_IMAGE)))
                .tableDescription();

        assertThat(off.streamSpecification()).isNull();
        assertThat(on.latestStreamLabel()).isNotEqualTo(firstLabel);
        assertThat(on.streamSpecification().streamViewType()).isEqualTo(StreamViewType.NEW_IMAGE);
    }

    @Test
    @DisplayName("API_UpdateTable: enabling a stream on a table whose stream is enabled is a ValidationException")
    void enablingAnEnabledStreamFails() {
        DynamoDbClient client = EMULATOR.dynamoDbClient();
        String name = TestTables.createTable(client, "enabled", StreamViewType.KEYS_ONLY);

        assertThatThrownBy(() -> client.updateTable(request -> request.tableName(name)
                .streamSpecification(spec -> spec.streamEnabled(true).streamViewType(StreamViewType.KEYS_ONLY))))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                })
                .hasMessageContaining("already has an enabled stream");
    }

    @Test
    @DisplayName("API_DeleteTable: the table is gone and its stream disabled")
    void deletedTableIsGoneAndItsStreamDisabled() {
        DynamoDbClient client = EMULATOR.dynamoDbClient();
        String name = TestTables.createTable(client, "deleted", StreamViewType.KEYS_ONLY);
        String streamArn = client.describeTable(request -> request.tableName(name)).table().latestStreamArn();

        client.deleteTable(request -> request.tableName(name));

        assertThatThrownBy(() -> client.describeTable(request -> request.tableName(name)))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThat(EMULATOR.streamsClient().describeStream(request -> request.streamArn(streamArn))
                .streamDescription().streamStatusAsString()).isEqualTo("DISABLING");
        EMULATOR.emulator().advanceClock(java.time.Duration.ofSeconds(1));
        assertThat(EMULATOR.streamsClient().describeStream(request -> request.streamArn(streamArn))
                .streamDescription().streamStatusAsString()).isEqualTo("DISABLED");
    }

    @Test
    @DisplayName("API_ListTables: pages with Limit, ExclusiveStartTableName and LastEvaluatedTableName")
    void listTablesPagesThroughEveryTableOnce() {
        DynamoDbClient client = EMULATOR.dynamoDbClient();
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(TestTables.createTable(client, "listed", null));
        }
        List<String> listed = new ArrayList<>();
        String start = null;
        do {
            String exclusiveStart = start;
            ListTablesResponse page = client.listTables(request -> request.limit(2)
                    .exclusiveStartTableName(exclusiveStart));
            assertThat(page.tableNames()).hasSizeLessThanOrEqualTo(2);
            listed.addAll(page.tableNames());
            start = page.lastEvaluatedTableName();
        } while (start != null);

        assertThat(listed).containsAll(created).doesNotHaveDuplicates().isSorted();
    }

    private static AttributeDefinition definition(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
    }
}
