package io.github.dynamodbstream.emulator.table;

import static io.github.dynamodbstream.emulator.table.TestTables.item;
import static io.github.dynamodbstream.emulator.table.TestTables.n;
import static io.github.dynamodbstream.emulator.table.TestTables.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dynamodbstream.emulator.DynamoDbEmulatorExtension;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;

/** Query and Scan through the AWS SDK, including its paginators. */
class QueryScanConformanceTest extends FreshTableConformanceTest {

    QueryScanConformanceTest() {
        super("queried");
    }

    @BeforeEach
    void putItems() {
        for (long sk : new long[] {10, 9, 100, -1, 2}) {
            put("p", sk, sk % 2 == 0 ? "even" : "odd");
        }
        put("other", 1, "odd");
    }

    @Test
    @DisplayName("API_Query: items come in sort key order, numbers numerically; ScanIndexForward false reverses")
    void queryOrdersBySortKeyNumerically() {
        assertThat(sortKeys(query(true))).containsExactly(-1L, 2L, 9L, 10L, 100L);
        assertThat(sortKeys(query(false))).containsExactly(100L, 10L, 9L, 2L, -1L);
    }

    @Test
    @DisplayName("API_Query: a sort key condition and a FilterExpression; ScannedCount counts before the filter")
    void queryWithSortKeyConditionAndFilter() {
        QueryResponse response = client.query(request -> request.tableName(table)
                .keyConditionExpression("pk = :p AND sk BETWEEN :low AND :high")
                .filterExpression("v = :even")
                .expressionAttributeValues(Map.of(":p", s("p"), ":low", n(0), ":high", n(50), ":even", s("even"))));

        assertThat(sortKeys(response)).containsExactly(2L, 10L);
        assertThat(response.scannedCount()).isEqualTo(3);
    }

    @Test
    @DisplayName("API_Query: Limit with ExclusiveStartKey pages through the partition once (SDK paginator)")
    void queryPaginatorReadsEveryItemOnce() {
        List<Long> keys = new ArrayList<>();
        int[] pages = {0};
        client.queryPaginator(request -> request.tableName(table).limit(2)
                        .keyConditionExpression("pk = :p").expressionAttributeValues(Map.of(":p", s("p"))))
                .forEach(page -> {
                    pages[0]++;
                    keys.addAll(sortKeys(page));
                });

        assertThat(keys).containsExactly(-1L, 2L, 9L, 10L, 100L);
        assertThat(pages[0]).isEqualTo(3);
    }

    @Test
    @DisplayName("API_Query: Select COUNT answers the count without items")
    void queryCountsWithoutItems() {
        QueryResponse response = client.query(request -> request.tableName(table).select(Select.COUNT)
                .keyConditionExpression("pk = :p").expressionAttributeValues(Map.of(":p", s("p"))));

        assertThat(response.count()).isEqualTo(5);
        assertThat(response.hasItems()).isFalse();
    }

    @Test
    @DisplayName("API_Query: a partition key value of the wrong type is a ValidationException")
    void queryWithWrongKeyTypeFails() {
        assertThatThrownBy(() -> client.query(request -> request.tableName(table)
                .keyConditionExpression("pk = :p").expressionAttributeValues(Map.of(":p", n(1)))))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> assertThat(e.statusCode()).isEqualTo(400));
    }

    @Test
    @DisplayName("API_Query: IndexName on a global secondary index reads the index, projected")
    void queryOnAGlobalSecondaryIndex() {
        String indexed = TestTables.uniqueName("gsi");
        client.createTable(request -> request.tableName(indexed)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("status").attributeType(ScalarAttributeType.S)
                                .build(),
                        AttributeDefinition.builder().attributeName("at").attributeType(ScalarAttributeType.N).build())
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("byStatus")
                        .keySchema(KeySchemaElement.builder().attributeName("status").keyType(KeyType.HASH).build(),
                                KeySchemaElement.builder().attributeName("at").keyType(KeyType.RANGE).build())
                        .projection(projection -> projection.projectionType(ProjectionType.KEYS_ONLY))
                        .build()));
        DynamoDbEmulatorExtension.awaitActive(client, indexed);
        client.putItem(request -> request.tableName(indexed).item(Map.of("pk", s("o1"), "status", s("open"),
                "at", n(20), "note", s("late"))));
        client.putItem(request -> request.tableName(indexed).item(Map.of("pk", s("o2"), "status", s("open"),
                "at", n(10), "note", s("early"))));
        client.putItem(request -> request.tableName(indexed).item(Map.of("pk", s("o3"), "status", s("done"),
                "at", n(5))));
        client.putItem(request -> request.tableName(indexed).item(Map.of("pk", s("o4"), "note", s("unindexed"))));

        QueryResponse response = client.query(request -> request.tableName(indexed).indexName("byStatus")
                .keyConditionExpression("#s = :open").expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(":open", s("open"))));

        assertThat(response.items()).extracting(item -> item.get("pk").s()).containsExactly("o2", "o1");
        assertThat(response.items()).allSatisfy(item -> assertThat(item).containsOnlyKeys("pk", "status", "at"));
    }

    @Test
    @DisplayName("API_Scan: Segment and TotalSegments split the items disjointly and completely")
    void parallelScanSegmentsCoverEveryItemOnce() {
        for (int i = 0; i < 40; i++) {
            put("seg" + i, i, "v");
        }
        int total = client.scan(request -> request.tableName(table)).count();
        Set<String> seen = new HashSet<>();
        int count = 0;
        for (int segment = 0; segment < 4; segment++) {
            int current = segment;
            for (ScanResponse page : client.scanPaginator(request -> request.tableName(table).limit(7)
                    .segment(current).totalSegments(4))) {
                for (Map<String, AttributeValue> item : page.items()) {
                    seen.add(item.get("pk").s() + "/" + item.get("sk").n());
                    count++;
                }
            }
        }

        assertThat(count).isEqualTo(total).isEqualTo(46);
        assertThat(seen).hasSize(total);
    }

    @Test
    @DisplayName("API_Scan: FilterExpression, ProjectionExpression and Select COUNT")
    void scanFiltersProjectsAndCounts() {
        ScanResponse filtered = client.scan(request -> request.tableName(table).filterExpression("v = :odd")
                .projectionExpression("sk").expressionAttributeValues(Map.of(":odd", s("odd"))));
        ScanResponse counted = client.scan(request -> request.tableName(table).select(Select.COUNT));

        assertThat(filtered.count()).isEqualTo(3);
        assertThat(filtered.scannedCount()).isEqualTo(6);
        assertThat(filtered.items()).allSatisfy(item -> assertThat(item).containsOnlyKeys("sk"));
        assertThat(counted.count()).isEqualTo(6);
        assertThat(counted.hasItems()).isFalse();
    }

    @Test
    @DisplayName("API_Scan: Segment without TotalSegments is a ValidationException")
    void segmentWithoutTotalSegmentsFails() {
        assertThatThrownBy(() -> client.scan(request -> request.tableName(table).segment(1)))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> assertThat(e.statusCode()).isEqualTo(400));
    }

    private QueryResponse query(boolean forward) {
        return client.query(request -> request.tableName(table).scanIndexForward(forward)
                .keyConditionExpression("pk = :p").expressionAttributeValues(Map.of(":p", s("p"))));
    }

    private void put(String pk, long sk, String value) {
        client.putItem(request -> request.tableName(table).item(item(pk, sk, value)));
    }

    private static List<Long> sortKeys(QueryResponse response) {
        return response.items().stream().map(item -> Long.parseLong(item.get("sk").n())).toList();
    }
}
