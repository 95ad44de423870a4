package io.github.dynamodbstream.core.record;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dynamodbstream.emulator.DynamoDbEmulator;
import io.github.dynamodbstream.emulator.DynamoDbEmulatorExtension;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** Records written through the emulator's table API and read back with GetRecords, as the poller gets them. */
class ChangeRecordEmulatorTest {

    @RegisterExtension
    static final DynamoDbEmulatorExtension EMULATOR =
            DynamoDbEmulatorExtension.of(DynamoDbEmulator.builder().shardsPerStream(1));

    @ParameterizedTest
    @EnumSource(value = StreamViewType.class, names = "UNKNOWN_TO_SDK_VERSION", mode = EnumSource.Mode.EXCLUDE)
    void recordsOfEveryChangeTypeCarryWhatTheViewTypeKeeps(StreamViewType viewType) {
        String table = "items-" + viewType.toString().toLowerCase().replace('_', '-');
        DynamoDbClient dynamoDb = EMULATOR.dynamoDbClient();
        String streamArn = createTable(dynamoDb, table, viewType);
        Map<String, AttributeValue> first = everyType("item-1", "first");
        Map<String, AttributeValue> second = everyType("item-1", "second");
        dynamoDb.putItem(request -> request.tableName(table).item(first));
        dynamoDb.putItem(request -> request.tableName(table).item(second));
        dynamoDb.deleteItem(request -> request.tableName(table).key(Map.of("id", AttributeValue.fromS("item-1"))));
        Map<String, AttributeValue> expiring = new LinkedHashMap<>(everyType("item-2", "expiring"));
        long expiresAt = EMULATOR.emulator().now().getEpochSecond() + 60;
        expiring.put("expiresAt", AttributeValue.fromN(Long.toString(expiresAt)));
        dynamoDb.putItem(request -> request.tableName(table).item(expiring));
        EMULATOR.emulator().advanceClock(Duration.ofMinutes(10));

        List<ChangeRecord> changes = readAll(streamArn);

        boolean keepsNew = viewType == StreamViewType.NEW_IMAGE || viewType == StreamViewType.NEW_AND_OLD_IMAGES;
        boolean keepsOld = viewType == StreamViewType.OLD_IMAGE || viewType == StreamViewType.NEW_AND_OLD_IMAGES;
        assertThat(changes).extracting(ChangeRecord::type).containsExactly(
                ChangeType.INSERT, ChangeType.MODIFY, ChangeType.REMOVE, ChangeType.INSERT, ChangeType.REMOVE);
        assertThat(changes).extracting(ChangeRecord::isTimeToLiveDelete).containsExactly(
                false, false, false, false, true);
        assertThat(changes).allSatisfy(change -> {
            assertThat(change.tableName()).isEqualTo(table);
            assertThat(change.streamArn()).isEqualTo(streamArn);
            assertThat(change.keys()).containsOnlyKeys("id");
            assertThat(change.sizeBytes()).isPositive();
            assertThat(change.eventId()).isNotBlank();
            assertThat(change.approximateCreationTime()).isNotNull();
        });
        assertThat(changes).extracting(change -> new BigDecimal(change.sequenceNumber())).isSorted();
        assertThat(changes.get(0).newImage()).isEqualTo(keepsNew ? first : Map.of());
        assertThat(changes.get(0).oldImage()).isEmpty();
        assertThat(changes.get(1).newImage()).isEqualTo(keepsNew ? second : Map.of());
        assertThat(changes.get(1).oldImage()).isEqualTo(keepsOld ? first : Map.of());
        assertThat(changes.get(2).newImage()).isEmpty();
        assertThat(changes.get(2).oldImage()).isEqualTo(keepsOld ? second : Map.of());
        assertThat(changes.get(4).oldImage()).isEqualTo(keepsOld ? expiring : Map.of());
        if (keepsNew) {
            assertPlainValues(changes.get(1).newItem(), "second");
        }
        if (keepsOld) {
            assertPlainValues(changes.get(2).oldItem(), "second");
        }
    }

    private static void assertPlainValues(Map<String, Object> item, String text) {
        assertThat(item.get("id")).isEqualTo("item-1");
        assertThat(item.get("s")).isEqualTo(text);
        assertThat(item.get("n")).isEqualTo(new BigDecimal("-1250.25"));
        assertThat((byte[]) item.get("b")).containsExactly(0, 1, (byte) 255);
        assertThat(item.get("bool")).isEqualTo(Boolean.FALSE);
        assertThat(item).containsEntry("nul", null);
        assertThat(item.get("ss")).isEqualTo(Set.of("red", "green"));
        assertThat(item.get("ns")).isEqualTo(Set.of(new BigDecimal("1"), new BigDecimal("0.25")));
        assertThat(item.get("bs")).isEqualTo(Set.of(ByteBuffer.wrap(new byte[] {7}), ByteBuffer.wrap(new byte[] {8})));
        assertThat(item.get("l")).isEqualTo(List.of(text, BigDecimal.ONE));
        assertThat(item.get("m")).isEqualTo(Map.of("inner", Map.of("flag", true)));
    }

    private static Map<String, AttributeValue> everyType(String id, String text) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("id", AttributeValue.fromS(id));
        item.put("s", AttributeValue.fromS(text));
        item.put("n", AttributeValue.fromN("-1250.25"));
        item.put("b", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {0, 1, (byte) 255})));
        item.put("bool", AttributeValue.fromBool(false));
        item.put("nul", AttributeValue.fromNul(true));
        item.put("ss", AttributeValue.fromSs(List.of("red", "green")));
        item.put("ns", AttributeValue.fromNs(List.of("1", "0.25")));
        item.put("bs", AttributeValue.fromBs(List.of(SdkBytes.fromByteArray(new byte[] {7}),
                SdkBytes.fromByteArray(new byte[] {8}))));
        item.put("l", AttributeValue.fromL(List.of(AttributeValue.fromS(text), AttributeValue.fromN("1"))));
        item.put("m", AttributeValue.fromM(Map.of("inner", AttributeValue.fromM(
                Map.of("flag", AttributeValue.fromBool(true))))));
        return item;
    }

    private static String createTable(DynamoDbClient dynamoDb, String table, StreamViewType viewType) {
        String streamArn = dynamoDb.createTable(request -> request.tableName(table)
                        .keySchema(key -> key.attributeName("id").keyType(KeyType.HASH))
                        .attributeDefinitions(attribute -> attribute.attributeName("id")
                                .attributeType(ScalarAttributeType.S))
                        .billingMode(BillingMode.PAY_PER_REQUEST)
                        .streamSpecification(stream -> stream.streamEnabled(true).streamViewType(viewType)))
                .tableDescription().latestStreamArn();
        DynamoDbEmulatorExtension.awaitActive(dynamoDb, table);
        dynamoDb.updateTimeToLive(request -> request.tableName(table)
                .timeToLiveSpecification(ttl -> ttl.enabled(true).attributeName("expiresAt")));
        return streamArn;
    }

    private static List<ChangeRecord> readAll(String streamArn) {
        DynamoDbStreamsClient streams = EMULATOR.streamsClient();
        List<Shard> shards = streams.describeStream(request -> request.streamArn(streamArn))
                .streamDescription().shards();
        List<ChangeRecord> changes = new ArrayList<>();
        for (Shard shard : shards) {
            String iterator = streams.getShardIterator(request -> request.streamArn(streamArn)
                    .shardId(shard.shardId()).shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            for (int page = 0; page < 10 && iterator != null; page++) {
                String current = iterator;
                GetRecordsResponse response = streams.getRecords(request -> request.shardIterator(current));
                response.records().forEach(record -> changes.add(ChangeRecord.of(record, shard.shardId(), streamArn)));
                iterator = response.nextShardIterator();
            }
        }
        return changes;
    }
}
