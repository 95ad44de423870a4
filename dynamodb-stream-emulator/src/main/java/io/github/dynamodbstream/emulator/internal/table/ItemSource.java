package io.github.dynamodbstream.emulator.internal.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dynamodbstream.emulator.internal.ApiException;
import io.github.dynamodbstream.emulator.internal.expression.KeyCondition;
import java.util.stream.Stream;

/** What a Query or Scan reads: a table, or one of its secondary indexes, in key order. */
interface ItemSource {

    /** The key attributes a Query's KeyConditionExpression names. */
    KeyShape shape();

    /**
     * The items of one partition that meet the sort key condition, in sort key order (reversed when not
     * forward), after the ExclusiveStartKey when one is given.
     */
    default Stream<ObjectNode> query(KeyValue partition, KeyCondition.SortKeyCondition sortCondition,
            boolean forward, JsonNode exclusiveStartKey) {
        String sortName = shape().sortName();
        return partition(partition, forward, exclusiveStartKey)
                .filter(item -> sortCondition == null || sortCondition.test(item.get(sortName)));
    }

    /**
     * The items of one partition, in sort key order (reversed when not forward), after the ExclusiveStartKey when one
     * is given.
     */
    Stream<ObjectNode> partition(KeyValue partition, boolean forward, JsonNode exclusiveStartKey);

    /** The items of one scan segment in key order, after the ExclusiveStartKey when one is given. */
    Stream<ObjectNode> scan(ScanSegment segment, JsonNode exclusiveStartKey);

    /** The LastEvaluatedKey that resumes after the item. */
    ObjectNode lastEvaluatedKey(ObjectNode item);

    /** Refuses a Query's ExclusiveStartKey that lies in another partition than the one the Query reads. */
    static void checkStartPartition(KeyValue startPartition, KeyValue partition) {
        if (!startPartition.equals(partition)) {
            throw ApiException.validation("The provided starting key is invalid: its partition key does not "
                    + "match the partition key value of the KeyConditionExpression");
        }
    }

    static ItemSource of(Table table, String indexName) {
        return indexName == null ? new TableItemSource(table) : new IndexItemSource(table, table.index(indexName));
    }
}
