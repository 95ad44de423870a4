package io.github.dynamodbstream.emulator.table;

import static io.github.dynamodbstream.emulator.table.TestTables.n;
import static io.github.dynamodbstream.emulator.table.TestTables.s;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.dynamodbstream.emulator.DynamoDbEmulatorExtension;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/** Which writes produce stream records, and Time to Live deletions, read back through the Streams SDK client. */
class TableStreamRecordsConformanceTest {

    @RegisterExtension
    static final DynamoDbEmulatorExtension EMULATOR = DynamoDbEmulatorExtension.create();

    @Test
    @DisplayName("Streams.ChangeDataCapture: INSERT, MODIFY, REMOVE; a write that changes nothing adds no record")
    void everyChangingWriteAddsOneRecordAndNoOpWritesAddNone() {
        DynamoDbClient client = EMULATOR.dynamoDbClient();
        String table = TestTables.createTable(client, "streamed", StreamViewType.NEW_AND_OLD_IMAGES);
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> key = Map.of("pk", s("a"),
                "sk", n(1));

        client.putItem(request -> request.tableName(table).item(Map.of("pk", s("a"), "sk", n(1), "v", s("x"))));
        client.putItem(request -> request.tableName(table).item(Map.of("pk", s("a"), "sk", n(1), "v", s("x"))));
        client.updateItem(request -> request.tableName(table).key(key).updateExpression("SET v = :v")
                .expressionAttributeValues(Map.of(":v", s("y"))));
        client.updateItem(request -> request.tableName(table).key(key).updateExpression("SET v = :v")
                .expressionAttributeValues(Map.of(":v", s("y"))));
        client.deleteItem(request -> request.tableName(table).key(key));
        client.deleteItem(request -> request.tableName(table).key(key));

        List<Record> records = records(client, table);

        assertThat(records).extracting(Record::eventName)
                .containsExactly(OperationType.INSERT, OperationType.MODIFY, OperationType.REMOVE);
        Record modify = records.get(1);
        assertThat(modify.dynamodb().oldImage().get("v").s()).isEqualTo("x");
        assertThat(modify.dynamodb().newImage().get("v").s()).isEqualTo("y");
        assertThat(modify.dynamodb().keys()).isEqualTo(key);
    }

    @Test
    @DisplayName("API_BatchWriteItem: each put and delete of a batch adds its own record")
    void batchWritesAddARecordEach() {
        DynamoDbClient client = EMULATOR.dynamoDbClient();
        String table = TestTables.createTable(client, "batched", StreamViewType.KEYS_ONLY);
        client.putItem(request -> request.tableName(table).item(Map.of("pk", s("old"), "sk", n(1))));

        client.batchWriteItem(request -> request.requestItems(Map.of(table, List.of(
                software.amazon.awssdk.services.dynamodb.model.WriteRequest.builder()
                        .putRequest(put -> put.item(Map.of("pk", s("new"), "sk", n(1)))).build(),
                software.amazon.awssdk.services.dynamodb.model.WriteRequest.builder()
                        .deleteRequest(delete -> delete.key(Map.of("pk", s("old"), "sk", n(1)))).build()))));

        assertThat(records(client, table)).extracting(Record::eventName)
                .containsExactlyInAnyOrder(OperationType.INSERT, OperationType.INSERT, OperationType.REMOVE);
    }

    @Test
    @DisplayName("howitworks-ttl: an expired item is deleted with a REMOVE record made by the service")
    void expiredItemIsRemovedByTimeToLive() {
        DynamoDbClient client = EMULATOR.dynamoDbClient();
        String table = TestTables.createTable(client, "expiring", StreamViewType.NEW_AND_OLD_IMAGES);
        client.updateTimeToLive(request -> request.tableName(table)
                .timeToLiveSpecification(spec -> spec.enabled(true).attributeName("expiresAt")));
        long now = EMULATOR.emulator().now().getEpochSecond();
        client.putItem(request -> request.tableName(table)
                .item(Map.of("pk", s("soon"), "sk", n(1), "expiresAt", n(now + 60))));
        client.putItem(request -> request.tableName(table)
                .item(Map.of("pk", s("later"), "sk", n(1), "expiresAt", n(now + 7200))));

        EMULATOR.emulator().advanceClock(Duration.ofMinutes(5));

        assertThat(client.scan(request -> request.tableName(table)).items())
                .extracting(item -> item.get("pk").s()).containsExactly("later");
        assertThat(client.describeTimeToLive(request -> request.tableName(table)).timeToLiveDescription())
                .satisfies(description -> {
                    assertThat(description.timeToLiveStatus()).isEqualTo(TimeToLiveStatus.ENABLED);
                    assertThat(description.attributeName()).isEqualTo("expiresAt");
                });
        Record removal = records(client, table).stream()
                .filter(record -> record.eventName() == OperationType.REMOVE)
                .findFirst().orElseThrow();
        assertThat(removal.dynamodb().keys().get("pk").s()).isEqualTo("soon");
        assertThat(removal.userIdentity().type()).isEqualTo("Service");
        assertThat(removal.userIdentity().principalId()).isEqualTo("dynamodb.amazonaws.com");
    }

    @Test
    @DisplayName("API_DescribeTimeToLive: DISABLED until UpdateTimeToLive enables it")
    void timeToLiveIsDisabledByDefault() {
        DynamoDbClient client = EMULATOR.dynamoDbClient();
        String table = TestTables.createTable(client, "no-ttl", null);

        assertThat(client.describeTimeToLive(request -> request.tableName(table)).timeToLiveDescription()
                .timeToLiveStatus()).isEqualTo(TimeToLiveStatus.DISABLED);
    }

    private static List<Record> records(DynamoDbClient client, String table) {
        String streamArn = client.describeTable(request -> request.tableName(table)).table().latestStreamArn();
        return TestTables.readAll(EMULATOR.streamsClient(), streamArn).stream()
                .sorted(Comparator.comparing(record -> new java.math.BigInteger(record.dynamodb().sequenceNumber())))
                .toList();
    }
}
