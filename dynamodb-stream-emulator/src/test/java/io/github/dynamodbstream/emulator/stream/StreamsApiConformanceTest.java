package io.github.dynamodbstream.emulator.stream;

import io.github.dynamodbstream.emulator.DynamoDbEmulatorExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ListStreamsResponse;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardFilterType;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamDescription;
import software.amazon.awssdk.services.dynamodb.model.StreamStatus;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Streams API of the emulator through the AWS SDK for Java v2 over HTTP, one table per test. */
class StreamsApiConformanceTest {

    @RegisterExtension
    static final DynamoDbEmulatorExtension EMULATOR = DynamoDbEmulatorExtension.create();

    private static final AtomicInteger TABLES = new AtomicInteger();

    private DynamoDbClient dynamoDb;
    private DynamoDbStreamsClient streams;
    private StreamReader reader;
    private String table;

    @BeforeEach
    void newTable() {
        dynamoDb = EMULATOR.dynamoDbClient();
        streams = EMULATOR.streamsClient();
        reader = new StreamReader(dynamoDb, streams);
        table = "conformance-" + TABLES.incrementAndGet();
    }

    @Test
    @DisplayName("ListStreams filters by TableName and pages with Limit (API_streams_ListStreams)")
    void listStreamsFiltersByTableAndPages() {
        String first = reader.createTable(table, StreamViewType.KEYS_ONLY);
        String second = reader.createTable(table + "-other", StreamViewType.KEYS_ONLY);

        ListStreamsResponse filtered = streams.listStreams(b -> b.tableName(table));
        ListStreamsResponse firstPage = streams.listStreams(b -> b.limit(1));
        ListStreamsResponse secondPage = streams.listStreams(b -> b.limit(1)
                .exclusiveStartStreamArn(firstPage.lastEvaluatedStreamArn()));

        assertThat(filtered.streams()).singleElement().satisfies(s -> {
            assertThat(s.streamArn()).isEqualTo(first);
            assertThat(s.tableName()).isEqualTo(table);
            assertThat(first).endsWith("/stream/" + s.streamLabel());
        });
        assertThat(filtered.lastEvaluatedStreamArn()).isNull();
        assertThat(firstPage.streams()).hasSize(1);
        assertThat(secondPage.streams()).hasSize(1).noneMatch(s -> s.streamArn().equals(firstPage.streams().get(0).streamArn()));
        assertThat(streams.listStreams().streams()).extracting(s -> s.streamArn()).contains(first, second);
    }

    @Test
    @DisplayName("DescribeStream describes the stream the table names (API_streams_DescribeStream)")
    void describeStreamMatchesTheTable() {
        Instant before = EMULATOR.emulator().now().truncatedTo(ChronoUnit.SECONDS);
        String arn = reader.createTable(table, StreamViewType.NEW_AND_OLD_IMAGES);

        StreamDescription description = streams.describeStream(b -> b.streamArn(arn)).streamDescription();

        assertThat(arn).matches("arn:aws:dynamodb:us-east-1:\\d{12}:table/" + table
                + "/stream/\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}");
        assertThat(description.streamArn()).isEqualTo(arn);
        assertThat(description.streamStatus()).isEqualTo(StreamStatus.ENABLED);
        assertThat(description.streamViewType()).isEqualTo(StreamViewType.NEW_AND_OLD_IMAGES);
        assertThat(description.tableName()).isEqualTo(table);
        assertThat(description.keySchema()).singleElement()
                .satisfies(k -> assertThat(k.attributeName() + k.keyType()).isEqualTo("id" + KeyType.HASH));
        assertThat(description.creationRequestDateTime()).isBetween(before, EMULATOR.emulator().now());
        assertThat(description.shards()).hasSize(4).allSatisfy(shard -> {
            assertThat(shard.shardId()).matches("shardId-\\d{20}-[0-9a-f]{8}");
            assertThat(shard.sequenceNumberRange().startingSequenceNumber()).matches("\\d{21,}");
            assertThat(shard.sequenceNumberRange().endingSequenceNumber()).isNull();
        });
        assertThat(dynamoDb.describeTable(b -> b.tableName(table)).table().latestStreamLabel())
                .isEqualTo(description.streamLabel());
    }

    @ParameterizedTest
    @EnumSource(value = StreamViewType.class, names = "UNKNOWN_TO_SDK_VERSION", mode = EnumSource.Mode.EXCLUDE)
    @DisplayName("records of insert, modify and remove keep the images the view type asks for (API_streams_StreamRecord)")
    void recordsKeepTheImagesOfTheViewType(StreamViewType viewType) {
        String arn = reader.createTable(table, viewType);
        reader.put(table, "a", "1");
        reader.put(table, "a", "2");
        dynamoDb.deleteItem(b -> b.tableName(table).key(Map.of("id", AttributeValue.fromS("a"))));

        List<Record> records = reader.readStream(arn);

        boolean keepsNew = viewType == StreamViewType.NEW_IMAGE || viewType == StreamViewType.NEW_AND_OLD_IMAGES;
        boolean keepsOld = viewType == StreamViewType.OLD_IMAGE || viewType == StreamViewType.NEW_AND_OLD_IMAGES;
        assertThat(records).extracting(Record::eventName)
                .containsExactly(OperationType.INSERT, OperationType.MODIFY, OperationType.REMOVE);
        assertThat(records).allSatisfy(record -> {
            assertThat(record.eventVersion()).isEqualTo("1.1");
            assertThat(record.eventSource()).isEqualTo("aws:dynamodb");
            assertThat(record.awsRegion()).isEqualTo("us-east-1");
            assertThat(record.dynamodb().keys()).containsEntry("id", AttributeValue.fromS("a"));
            assertThat(record.dynamodb().streamViewType()).isEqualTo(viewType);
            assertThat(record.dynamodb().sizeBytes()).isPositive();
            assertThat(record.dynamodb().approximateCreationDateTime()).isNotNull();
            assertThat(record.userIdentity()).isNull();
        });
        assertThat(records.get(0).dynamodb().hasNewImage()).isEqualTo(keepsNew);
        assertThat(records.get(0).dynamodb().hasOldImage()).isFalse();
        assertThat(records.get(1).dynamodb().hasNewImage()).isEqualTo(keepsNew);
        assertThat(records.get(1).dynamodb().hasOldImage()).isEqualTo(keepsOld);
        assertThat(records.get(2).dynamodb().hasNewImage()).isFalse();
        assertThat(records.get(2).dynamodb().hasOldImage()).isEqualTo(keepsOld);
        if (keepsOld) {
            assertThat(records.get(1).dynamodb().oldImage().get("value").s()).isEqualTo("1");
        }
        assertThat(records).extracting(Record::eventID).doesNotHaveDuplicates();
        assertThat(records).extracting(r -> r.dynamodb().sequenceNumber()).isSorted();
    }

    @Test
    @DisplayName("a Time to Live deletion names the service in userIdentity (time-to-live-ttl-streams)")
    void timeToLiveRemovalNamesTheService() {
        String arn = reader.createTable(table, StreamViewType.OLD_IMAGE);
        dynamoDb.updateTimeToLive(b -> b.tableName(table).timeToLiveSpecification(t -> t.enabled(true).attributeName("expires")));
        long expired = EMULATOR.emulator().now().getEpochSecond() - 60;
        dynamoDb.putItem(b -> b.tableName(table).item(Map.of("id", AttributeValue.fromS("gone"),
                "expires", AttributeValue.fromN(Long.toString(expired)))));

        dynamoDb.describeTable(b -> b.tableName(table));
        List<Record> records = reader.readStream(arn);

        assertThat(records).extracting(Record::eventName).containsExactly(OperationType.INSERT, OperationType.REMOVE);
        assertThat(records.get(1).userIdentity()).isNotNull();
        assertThat(records.get(1).userIdentity().type()).isEqualTo("Service");
        assertThat(records.get(1).userIdentity().principalId()).isEqualTo("dynamodb.amazonaws.com");
        assertThat(records.get(0).userIdentity()).isNull();
    }

    @Test
    @DisplayName("a closed shard read to its end answers no NextShardIterator (API_streams_GetRecords)")
    void closedShardHasNoNextShardIteratorAtItsEnd() {
        String arn = reader.createTable(table, StreamViewType.NEW_IMAGE);
        reader.put(table, "a", "1");
        String parent = shardHolding(arn, "1");
        EMULATOR.emulator().rotateShards(table);
        reader.put(table, "a", "2");

        String iterator = streams.getShardIterator(b -> b.streamArn(arn).shardId(parent)
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        GetRecordsResponse page = streams.getRecords(b -> b.shardIterator(iterator));

        assertThat(StreamReader.values(page.records())).containsExactly("1");
        assertThat(page.nextShardIterator()).isNull();
        Shard closed = reader.shards(arn).stream().filter(s -> s.shardId().equals(parent)).findFirst().orElseThrow();
        assertThat(closed.sequenceNumberRange().endingSequenceNumber())
                .isEqualTo(page.records().get(0).dynamodb().sequenceNumber());
        assertThat(StreamReader.values(reader.readStream(arn))).containsExactly("1", "2");
    }

    @Test
    @DisplayName("an open shard answers a NextShardIterator even with no records (API_streams_GetRecords)")
    void openShardAnswersNextShardIteratorWithoutRecords() {
        String arn = reader.createTable(table, StreamViewType.NEW_IMAGE);
        Shard shard = reader.shards(arn).get(0);
        String iterator = streams.getShardIterator(b -> b.streamArn(arn).shardId(shard.shardId())
                .shardIteratorType(ShardIteratorType.LATEST)).shardIterator();

        GetRecordsResponse page = streams.getRecords(b -> b.shardIterator(iterator).limit(5));

        assertThat(page.records()).isEmpty();
        assertThat(page.nextShardIterator()).isNotBlank();
    }

    @Test
    @DisplayName("AT_ and AFTER_SEQUENCE_NUMBER resume at or after a record (API_streams_GetShardIterator)")
    void sequenceNumberIteratorsResumeAtOrAfterARecord() {
        String arn = reader.createTable(table, StreamViewType.NEW_IMAGE);
        for (int i = 1; i <= 3; i++) {
            reader.put(table, "same-key", "v" + i);
        }
        String shardId = shardHolding(arn, "v1");
        String second = reader.readShard(arn, shardId).get(1).dynamodb().sequenceNumber();

        String at = streams.getShardIterator(b -> b.streamArn(arn).shardId(shardId)
                .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER).sequenceNumber(second)).shardIterator();
        String after = streams.getShardIterator(b -> b.streamArn(arn).shardId(shardId)
                .shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(second)).shardIterator();

        assertThat(StreamReader.values(streams.getRecords(b -> b.shardIterator(at)).records())).containsExactly("v2", "v3");
        assertThat(StreamReader.values(streams.getRecords(b -> b.shardIterator(after)).records())).containsExactly("v3");
    }

    @Test
    @DisplayName("ShardFilter CHILD_SHARDS lists the children of one shard (API_streams_ShardFilter)")
    void childShardsFilterListsTheChildrenOfAShard() {
        String arn = reader.createTable(table, StreamViewType.NEW_IMAGE);
        List<Shard> parents = reader.shards(arn);
        EMULATOR.emulator().splitShard(table, parents.get(1).shardId());

        List<Shard> children = streams.describeStream(b -> b.streamArn(arn).shardFilter(f -> f
                .type(ShardFilterType.CHILD_SHARDS).shardId(parents.get(1).shardId()))).streamDescription().shards();

        assertThat(children).hasSize(2).allMatch(s -> parents.get(1).shardId().equals(s.parentShardId()));
        assertThat(reader.shards(arn)).hasSize(6);
    }

    @Test
    @DisplayName("the emulator's own list of open shards is what DescribeStream shows open, after a split and a rotation")
    void openShardsAreTheShardsDescribeStreamShowsOpen() {
        String arn = reader.createTable(table, StreamViewType.NEW_IMAGE);
        EMULATOR.emulator().splitShard(table, reader.shards(arn).get(0).shardId());
        EMULATOR.emulator().rotateShards(table);

        List<String> openOnTheWire = reader.shards(arn).stream()
                .filter(s -> s.sequenceNumberRange().endingSequenceNumber() == null).map(Shard::shardId).toList();

        assertThat(openOnTheWire).hasSize(5);
        assertThat(EMULATOR.emulator().openShards(table)).containsExactlyInAnyOrderElementsOf(openOnTheWire);
    }

    @Test
    @DisplayName("a disabled stream is DISABLED, its shards closed, its records still readable (API_streams_StreamDescription)")
    void disabledStreamKeepsItsRecordsReadable() {
        String arn = reader.createTable(table, StreamViewType.NEW_IMAGE);
        reader.put(table, "a", "1");

        dynamoDb.updateTable(b -> b.tableName(table).streamSpecification(s -> s.streamEnabled(false)));
        reader.put(table, "a", "2");
        EMULATOR.emulator().advanceClock(Duration.ofSeconds(1));

        StreamDescription description = streams.describeStream(b -> b.streamArn(arn)).streamDescription();
        assertThat(description.streamStatus()).isEqualTo(StreamStatus.DISABLED);
        assertThat(description.shards()).allMatch(s -> s.sequenceNumberRange().endingSequenceNumber() != null);
        assertThat(StreamReader.values(reader.readStream(arn))).containsExactly("1");
        assertThat(streams.listStreams(b -> b.tableName(table)).streams()).extracting(s -> s.streamArn()).containsExactly(arn);
    }

    @Test
    @DisplayName("ListStreams for a table that does not exist answers ResourceNotFoundException (API_streams_ListStreams)")
    void listStreamsOfAMissingTableIsResourceNotFound() {
        reader.createTable(table, StreamViewType.KEYS_ONLY);

        assertThatThrownBy(() -> streams.listStreams(b -> b.tableName(table + "-missing")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThat(streams.listStreams(b -> b.tableName(table)).streams()).hasSize(1);
    }

    @Test
    void deletedTableLeavesItsStreamDisabled() {
        String arn = reader.createTable(table, StreamViewType.KEYS_ONLY);

        dynamoDb.deleteTable(b -> b.tableName(table));
        EMULATOR.emulator().advanceClock(Duration.ofSeconds(1));

        assertThat(streams.describeStream(b -> b.streamArn(arn)).streamDescription().streamStatus())
                .isEqualTo(StreamStatus.DISABLED);
    }

    @Test
    @DisplayName("an unknown stream or shard answers ResourceNotFoundException (API_streams_DescribeStream, API_streams_GetShardIterator)")
    void unknownStreamOrShardIsResourceNotFound() {
        String arn = reader.createTable(table, StreamViewType.KEYS_ONLY);

        assertThatThrownBy(() -> streams.describeStream(b -> b.streamArn(arn + "0")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> streams.getShardIterator(b -> b.streamArn(arn)
                .shardId("shardId-00000000000000000000-00000000").shardIteratorType(ShardIteratorType.LATEST)))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    @DisplayName("invalid parameters answer ValidationException, HTTP 400 (API_streams_GetShardIterator, API_streams_GetRecords)")
    void invalidParametersAreValidationErrors() {
        String arn = reader.createTable(table, StreamViewType.KEYS_ONLY);
        String shardId = reader.shards(arn).get(0).shardId();

        assertValidationError(() -> streams.getShardIterator(b -> b.streamArn(arn).shardId(shardId)
                .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER)));
        assertValidationError(() -> streams.getShardIterator(b -> b.streamArn(arn).shardId(shardId)
                .shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber("1")));
        assertValidationError(() -> streams.getRecords(b -> b.shardIterator("garbage")));
        String iterator = streams.getShardIterator(b -> b.streamArn(arn).shardId(shardId)
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        assertValidationError(() -> streams.getRecords(b -> b.shardIterator(iterator).limit(1001)));
        assertValidationError(() -> streams.describeStream(b -> b.streamArn(arn).limit(101)));
    }

    private static void assertValidationError(Runnable call) {
        assertThatThrownBy(call::run)
                .isExactlyInstanceOf(DynamoDbException.class)
                .satisfies(e -> {
                    DynamoDbException error = (DynamoDbException) e;
                    assertThat(error.statusCode()).isEqualTo(400);
                    assertThat(error.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                });
    }

    private String shardHolding(String arn, String value) {
        return reader.shards(arn).stream()
                .filter(s -> StreamReader.values(reader.readShard(arn, s.shardId())).contains(value))
                .map(Shard::shardId).findFirst().orElseThrow();
    }
}
