package io.github.dynamodbstream.emulator.table;

import io.github.dynamodbstream.emulator.DynamoDbEmulatorExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamRequest;
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

/** Helpers the table conformance tests share: unique tables, attribute values, reading a stream to its end. */
final class TestTables {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private TestTables() {
    }

    static String uniqueName(String prefix) {
        return prefix + "-" + COUNTER.incrementAndGet();
    }

    /** An ACTIVE pay-per-request table with a string partition key {@code pk} and a number sort key {@code sk}. */
    static String createTable(DynamoDbClient client, String prefix, StreamViewType viewType) {
        String name = uniqueName(prefix);
        CreateTableRequest.Builder request = definition(name);
        if (viewType != null) {
            request.streamSpecification(spec -> spec.streamEnabled(true).streamViewType(viewType));
        }
        client.createTable(request.build());
        DynamoDbEmulatorExtension.awaitActive(client, name);
        return name;
    }

    /** The CreateTable request of a pay-per-request table keyed by the string {@code pk} and the number {@code sk}. */
    static CreateTableRequest.Builder definition(String name) {
        return CreateTableRequest.builder()
                .tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("sk").attributeType(ScalarAttributeType.N).build())
                .keySchema(
                        KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build());
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    /** The key of item {@code pk}/{@code sk} of a table made by {@link #createTable}. */
    static Map<String, AttributeValue> key(String pk, long sk) {
        return Map.of("pk", s(pk), "sk", n(sk));
    }

    /** Item {@code pk}/{@code sk} with a string attribute {@code v}. */
    static Map<String, AttributeValue> item(String pk, long sk, String value) {
        return Map.of("pk", s(pk), "sk", n(sk), "v", s(value));
    }

    /** Every record of the stream, shard by shard, each shard read from TRIM_HORIZON until it is caught up. */
    static List<Record> readAll(DynamoDbStreamsClient streams, String streamArn) {
        List<Shard> shards = new ArrayList<>();
        String start = null;
        do {
            DescribeStreamResponse page = streams.describeStream(
                    DescribeStreamRequest.builder().streamArn(streamArn).exclusiveStartShardId(start).build());
            shards.addAll(page.streamDescription().shards());
            start = page.streamDescription().lastEvaluatedShardId();
        } while (start != null);
        List<Record> records = new ArrayList<>();
        for (Shard shard : shards) {
            String iterator = streams.getShardIterator(request -> request.streamArn(streamArn)
                    .shardId(shard.shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            while (iterator != null) {
                String current = iterator;
                GetRecordsResponse page = streams.getRecords(request -> request.shardIterator(current));
                records.addAll(page.records());
                iterator = page.records().isEmpty() ? null : page.nextShardIterator();
            }
        }
        return records;
    }
}
