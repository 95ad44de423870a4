package io.github.dynamodbstream.emulator.bench;

import io.github.dynamodbstream.emulator.DynamoDbEmulator;
import io.github.dynamodbstream.emulator.DynamoDbEmulatorExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Measures the emulator through the AWS SDK over HTTP: items written per second with BatchWriteItem, and stream
 * records read per second with GetRecords (Limit 1000). Not a test; run its {@code main} with the test classpath.
 * Arguments: number of items (default 200000), read rounds (default 5).
 */
public final class EmulatorThroughputBenchmark {

    private static final String TABLE = "benchmark";
    private static final int BATCH = 25;

    private EmulatorThroughputBenchmark() {
    }

    public static void main(String[] args) {
        int items = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        try (DynamoDbEmulator emulator = DynamoDbEmulator.builder().shardsPerStream(4).start();
             DynamoDbClient dynamoDb = DynamoDbClient.builder().endpointOverride(emulator.endpoint())
                     .region(Region.of(emulator.region())).credentialsProvider(credentials()).build();
             DynamoDbStreamsClient streams = DynamoDbStreamsClient.builder().endpointOverride(emulator.endpoint())
                     .region(Region.of(emulator.region())).credentialsProvider(credentials()).build()) {
            String streamArn = createTable(dynamoDb);

            long writeStart = System.nanoTime();
            write(dynamoDb, items);
            report("BatchWriteItem", items, System.nanoTime() - writeStart, "items");

            for (int round = 0; round < rounds; round++) {
                long readStart = System.nanoTime();
                long read = readAll(streams, streamArn);
                if (read != items) {
                    throw new IllegalStateException("Read " + read + " records, expected " + items);
                }
                report("GetRecords round " + (round + 1), read, System.nanoTime() - readStart, "records");
            }
        }
    }

    private static String createTable(DynamoDbClient dynamoDb) {
        String streamArn = dynamoDb.createTable(b -> b.tableName(TABLE)
                        .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
                        .attributeDefinitions(AttributeDefinition.builder().attributeName("id")
                                .attributeType(ScalarAttributeType.S).build())
                        .billingMode(BillingMode.PAY_PER_REQUEST)
                        .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)))
                .tableDescription().latestStreamArn();
        DynamoDbEmulatorExtension.awaitActive(dynamoDb, TABLE);
        return streamArn;
    }

    private static void write(DynamoDbClient dynamoDb, int items) {
        String payload = "x".repeat(100);
        for (int start = 0; start < items; start += BATCH) {
            List<WriteRequest> batch = new ArrayList<>(BATCH);
            for (int i = start; i < Math.min(items, start + BATCH); i++) {
                batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(Map.of(
                        "id", AttributeValue.fromS("item-" + i),
                        "count", AttributeValue.fromN(Integer.toString(i)),
                        "payload", AttributeValue.fromS(payload))).build()).build());
            }
            Map<String, List<WriteRequest>> unprocessed = Map.of(TABLE, batch);
            while (!unprocessed.isEmpty()) {
                Map<String, List<WriteRequest>> request = unprocessed;
                unprocessed = dynamoDb.batchWriteItem(b -> b.requestItems(request)).unprocessedItems();
            }
        }
    }

    private static long readAll(DynamoDbStreamsClient streams, String streamArn) {
        long read = 0;
        List<Shard> shards = streams.describeStream(b -> b.streamArn(streamArn)).streamDescription().shards();
        for (Shard shard : shards) {
            String iterator = streams.getShardIterator(b -> b.streamArn(streamArn).shardId(shard.shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            while (true) {
                String current = iterator;
                GetRecordsResponse page = streams.getRecords(b -> b.shardIterator(current).limit(1000));
                if (page.records().isEmpty()) {
                    break;
                }
                read += page.records().size();
                iterator = page.nextShardIterator();
            }
        }
        return read;
    }

    private static void report(String what, long count, long nanos, String unit) {
        double seconds = nanos / 1e9;
        System.out.printf("%-20s %,10d %s in %6.2f s: %,10.0f %s/s%n", what, count, unit, seconds, count / seconds, unit);
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("benchmark", "benchmark"));
    }
}
