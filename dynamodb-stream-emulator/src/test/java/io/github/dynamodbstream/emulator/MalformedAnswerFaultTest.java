package io.github.dynamodbstream.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** Answers that are not JSON, cut short, or that carry a damaged stream record, as the AWS SDK sees them. */
class MalformedAnswerFaultTest {

    private static final AtomicInteger TABLES = new AtomicInteger();

    @RegisterExtension
    static final DynamoDbEmulatorExtension EMULATOR =
            DynamoDbEmulatorExtension.of(DynamoDbEmulator.builder().shardsPerStream(1));

    private DynamoDbClient dynamoDb;
    private DynamoDbStreamsClient streams;
    private String table;
    private String streamArn;

    @BeforeEach
    void createTableWithStream() {
        dynamoDb = EMULATOR.dynamoDbClientBuilder()
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
        streams = EMULATOR.streamsClientBuilder()
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
        table = "malformed-" + TABLES.incrementAndGet();
        streamArn = dynamoDb.createTable(request -> request.tableName(table)
                        .keySchema(key -> key.attributeName("id").keyType(KeyType.HASH))
                        .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S))
                        .billingMode(BillingMode.PAY_PER_REQUEST)
                        .streamSpecification(s -> s.streamEnabled(true)
                                .streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)))
                .tableDescription().latestStreamArn();
        DynamoDbEmulatorExtension.awaitActive(dynamoDb, table);
    }

    @AfterEach
    void closeClients() {
        EMULATOR.emulator().clearFaults();
        dynamoDb.close();
        streams.close();
    }

    @Test
    void notJsonAnswersStatus200WithAPageTheSdkCannotParseAndDoesNotServeTheCall() {
        EMULATOR.emulator().injectFault("PutItem", Fault.notJson(), 1);

        assertThatThrownBy(() -> put("a", "1")).isInstanceOf(SdkClientException.class);

        assertThat(dynamoDb.getItem(r -> r.tableName(table).key(key("a"))).hasItem()).isFalse();
        assertThat(EMULATOR.emulator().calls().count("PutItem", "NotJson")).isEqualTo(1);
        put("a", "2");
        assertThat(dynamoDb.getItem(r -> r.tableName(table).key(key("a"))).item().get("v").s()).isEqualTo("2");
    }

    @Test
    void truncatedJsonServesTheCallAndCutsItsAnswerInHalf() {
        put("a", "1");
        EMULATOR.emulator().injectFault("GetItem", Fault.truncatedJson(), 1);

        assertThatThrownBy(() -> dynamoDb.getItem(r -> r.tableName(table).key(key("a"))))
                .isInstanceOf(SdkClientException.class);

        assertThat(EMULATOR.emulator().calls().count("GetItem", "TruncatedJson")).isEqualTo(1);
        assertThat(dynamoDb.getItem(r -> r.tableName(table).key(key("a"))).item()).containsKey("v");
    }

    @Test
    void truncatedAnswerOfAWriteStillWritesTheItem() {
        dynamoDb.putItem(r -> r.tableName(table).item(Map.of("id", AttributeValue.fromS("old"),
                "v", AttributeValue.fromS("0"))));
        EMULATOR.emulator().injectFault("PutItem", Fault.truncatedJson(), 1);

        assertThatThrownBy(() -> dynamoDb.putItem(r -> r.tableName(table).returnValues("ALL_OLD")
                .item(Map.of("id", AttributeValue.fromS("old"), "v", AttributeValue.fromS("1")))))
                .isInstanceOf(SdkClientException.class);

        assertThat(dynamoDb.getItem(r -> r.tableName(table).key(key("old"))).item().get("v").s()).isEqualTo("1");
    }

    @Test
    void unknownEventNameDamagesTheFirstRecordOfTheNextPageOnly() {
        put("a", "1");
        put("b", "1");
        EMULATOR.emulator().injectFault("GetRecords", Fault.unknownEventName(), 1);

        List<Record> damaged = readFromTrimHorizon();
        List<Record> again = readFromTrimHorizon();

        assertThat(damaged).hasSize(2);
        assertThat(damaged.get(0).eventNameAsString()).isEqualTo(Fault.UNKNOWN_EVENT_NAME);
        assertThat(damaged.get(0).eventName()).isEqualTo(OperationType.UNKNOWN_TO_SDK_VERSION);
        assertThat(damaged.get(0).dynamodb().keys()).isEqualTo(key("a"));
        assertThat(damaged.get(1).eventName()).isEqualTo(OperationType.INSERT);
        assertThat(again).extracting(Record::eventName).containsExactly(OperationType.INSERT, OperationType.INSERT);
    }

    @Test
    void recordWithoutImagesKeepsKeysSequenceNumberAndViewTypeButLosesBothImages() {
        put("a", "1");
        put("a", "2");
        EMULATOR.emulator().injectFault("GetRecords", Fault.recordWithoutImages(), 2);

        Record first = readFromTrimHorizon().get(0);
        Record second = readFromTrimHorizon().get(0);

        assertThat(first.dynamodb().hasNewImage()).isFalse();
        assertThat(first.dynamodb().hasOldImage()).isFalse();
        assertThat(first.dynamodb().keys()).isEqualTo(key("a"));
        assertThat(first.dynamodb().sequenceNumber()).isNotBlank();
        assertThat(first.dynamodb().streamViewType()).isEqualTo(StreamViewType.NEW_AND_OLD_IMAGES);
        assertThat(second.dynamodb().hasNewImage()).isFalse();
        assertThat(readFromTrimHorizon().get(0).dynamodb().newImage()).containsKey("v");
    }

    @Test
    void recordWithoutDynamoDbPartHasNoKeysNorSequenceNumber() {
        put("a", "1");
        put("b", "1");
        EMULATOR.emulator().injectFault("GetRecords", Fault.recordWithoutDynamoDbPart(), 1);

        List<Record> records = readFromTrimHorizon();

        assertThat(records.get(0).dynamodb()).isNull();
        assertThat(records.get(0).eventName()).isEqualTo(OperationType.INSERT);
        assertThat(records.get(1).dynamodb().keys()).isEqualTo(key("b"));
    }

    @Test
    void recordFaultWaitsForAnAnswerThatHasRecords() {
        EMULATOR.emulator().injectFault("GetRecords", Fault.unknownEventName(), 1);
        String iterator = streams.getShardIterator(r -> r.streamArn(streamArn).shardId(onlyShard())
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();

        var empty = streams.getRecords(r -> r.shardIterator(iterator));
        put("a", "1");
        var page = streams.getRecords(r -> r.shardIterator(empty.nextShardIterator()));

        assertThat(empty.records()).isEmpty();
        assertThat(page.records()).singleElement()
                .extracting(Record::eventNameAsString).isEqualTo(Fault.UNKNOWN_EVENT_NAME);
    }

    @Test
    void recordFaultForAnOperationWithoutRecordsIsRejected() {
        assertThatThrownBy(() -> EMULATOR.emulator().injectFault("DescribeStream", Fault.recordWithoutImages(), 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("GetRecords only")
                .hasMessageContaining("DescribeStream");
    }

    @Test
    void streamOperationsCanBeAnsweredWithGarbageToo() {
        EMULATOR.emulator().injectFault("DescribeStream", Fault.notJson(), 1);
        EMULATOR.emulator().injectFault("GetShardIterator", Fault.truncatedJson(), 1);

        assertThatThrownBy(() -> streams.describeStream(r -> r.streamArn(streamArn)))
                .isInstanceOf(SdkClientException.class);
        String shardId = onlyShard();
        assertThatThrownBy(() -> streams.getShardIterator(r -> r.streamArn(streamArn).shardId(shardId)
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON))).isInstanceOf(SdkClientException.class);
        assertThat(EMULATOR.emulator().calls().count("DescribeStream", "NotJson")).isEqualTo(1);
        assertThat(EMULATOR.emulator().calls().count("GetShardIterator", "TruncatedJson")).isEqualTo(1);
    }

    private List<Record> readFromTrimHorizon() {
        String iterator = streams.getShardIterator(r -> r.streamArn(streamArn).shardId(onlyShard())
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        return streams.getRecords(r -> r.shardIterator(iterator)).records();
    }

    private String onlyShard() {
        return streams.describeStream(r -> r.streamArn(streamArn)).streamDescription().shards().get(0).shardId();
    }

    private void put(String id, String value) {
        dynamoDb.putItem(r -> r.tableName(table).item(Map.of("id", AttributeValue.fromS(id),
                "v", AttributeValue.fromS(value))));
    }

    private static Map<String, AttributeValue> key(String id) {
        return Map.of("id", AttributeValue.fromS(id));
    }
}
