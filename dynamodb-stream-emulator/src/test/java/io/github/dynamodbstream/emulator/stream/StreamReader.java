package io.github.dynamodbstream.emulator.stream;

import io.github.dynamodbstream.emulator.DynamoDbEmulatorExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamResponse;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Test helpers that speak to the emulator only through the AWS SDK, as an application would. */
final class StreamReader {

    private final DynamoDbClient dynamoDb;
    private final DynamoDbStreamsClient streams;

    StreamReader(DynamoDbClient dynamoDb, DynamoDbStreamsClient streams) {
        this.dynamoDb = dynamoDb;
        this.streams = streams;
    }

    /** Creates a table keyed by the string {@code id} with a stream, waits until it is ACTIVE, returns the stream's ARN. */
    String createTable(String table, StreamViewType viewType) {
        String streamArn = dynamoDb.createTable(b -> b.tableName(table)
                        .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
                        .attributeDefinitions(AttributeDefinition.builder().attributeName("id")
                                .attributeType(ScalarAttributeType.S).build())
                        .billingMode(BillingMode.PAY_PER_REQUEST)
                        .streamSpecification(s -> s.streamEnabled(true).streamViewType(viewType)))
                .tableDescription().latestStreamArn();
        DynamoDbEmulatorExtension.awaitActive(dynamoDb, table);
        return streamArn;
    }

    void put(String table, String id, String value) {
        dynamoDb.putItem(b -> b.tableName(table).item(Map.of(
                "id", AttributeValue.fromS(id), "value", AttributeValue.fromS(value))));
    }

    /** Every shard of the stream, through every DescribeStream page. */
    List<Shard> shards(String streamArn) {
        List<Shard> shards = new ArrayList<>();
        String exclusiveStart = null;
        do {
            String start = exclusiveStart;
            DescribeStreamResponse page = streams.describeStream(b -> b.streamArn(streamArn).exclusiveStartShardId(start));
            shards.addAll(page.streamDescription().shards());
            exclusiveStart = page.streamDescription().lastEvaluatedShardId();
        } while (exclusiveStart != null);
        return shards;
    }

    /** Reads one shard from TRIM_HORIZON until it ends (closed) or answers an empty page (open). */
    List<Record> readShard(String streamArn, String shardId) {
        List<Record> records = new ArrayList<>();
        String iterator = streams.getShardIterator(b -> b.streamArn(streamArn).shardId(shardId)
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        while (iterator != null) {
            String current = iterator;
            GetRecordsResponse page = streams.getRecords(b -> b.shardIterator(current));
            records.addAll(page.records());
            if (page.records().isEmpty()) {
                break;
            }
            iterator = page.nextShardIterator();
        }
        return records;
    }

    /** Every record of the stream, each shard after its parent. */
    List<Record> readStream(String streamArn) {
        List<Record> records = new ArrayList<>();
        Map<String, Shard> pending = new LinkedHashMap<>();
        shards(streamArn).forEach(shard -> pending.put(shard.shardId(), shard));
        Set<String> done = new HashSet<>();
        while (!pending.isEmpty()) {
            for (Shard shard : List.copyOf(pending.values())) {
                String parent = shard.parentShardId();
                if (parent == null || done.contains(parent) || !pending.containsKey(parent)) {
                    records.addAll(readShard(streamArn, shard.shardId()));
                    done.add(shard.shardId());
                    pending.remove(shard.shardId());
                }
            }
        }
        return records;
    }

    static List<String> values(List<Record> records) {
        return records.stream().map(r -> r.dynamodb().newImage().get("value").s()).toList();
    }
}
