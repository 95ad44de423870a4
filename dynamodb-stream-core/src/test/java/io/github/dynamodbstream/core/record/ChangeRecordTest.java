package io.github.dynamodbstream.core.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dynamodbstream.core.DynamoDbStreamException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Identity;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

class ChangeRecordTest {

    private static final String STREAM_ARN =
            "arn:aws:dynamodb:us-east-1:123456789012:table/orders/stream/2024-05-01T12:00:00.000";
    private static final String SHARD = "shardId-00000001714564800000-abcdef01";
    private static final Map<String, AttributeValue> KEYS = Map.of("id", AttributeValue.fromS("order-1"));
    private static final Map<String, AttributeValue> OLD = Map.of(
            "id", AttributeValue.fromS("order-1"), "total", AttributeValue.fromN("10.50"),
            "paid", AttributeValue.fromBool(false), "lines", AttributeValue.fromL(List.of(AttributeValue.fromS("a"))));
    private static final Map<String, AttributeValue> NEW = Map.of(
            "id", AttributeValue.fromS("order-1"), "total", AttributeValue.fromN("12.75"),
            "paid", AttributeValue.fromBool(true),
            "lines", AttributeValue.fromL(List.of(AttributeValue.fromS("a"), AttributeValue.fromS("b"))));

    @Test
    void readsEveryPartOfAnSdkRecord() {
        Instant created = Instant.parse("2024-05-01T12:34:56Z");
        Record sdkRecord = record(OperationType.MODIFY, stream -> stream
                .keys(KEYS).newImage(NEW).oldImage(OLD)
                .sequenceNumber("111100000000000000000042").sizeBytes(321L)
                .approximateCreationDateTime(created).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES));

        ChangeRecord change = ChangeRecord.of(sdkRecord, SHARD, STREAM_ARN);

        assertThat(change.type()).isEqualTo(ChangeType.MODIFY);
        assertThat(change.keys()).isEqualTo(KEYS);
        assertThat(change.newImage()).isEqualTo(NEW);
        assertThat(change.oldImage()).isEqualTo(OLD);
        assertThat(change.sequenceNumber()).isEqualTo("111100000000000000000042");
        assertThat(change.approximateCreationTime()).isEqualTo(created);
        assertThat(change.sizeBytes()).isEqualTo(321L);
        assertThat(change.shardId()).isEqualTo(SHARD);
        assertThat(change.streamArn()).isEqualTo(STREAM_ARN);
        assertThat(change.tableName()).isEqualTo("orders");
        assertThat(change.eventId()).isEqualTo(sdkRecord.eventID());
        assertThat(change.isTimeToLiveDelete()).isFalse();
        assertThatThrownBy(() -> change.newImage().put("x", AttributeValue.fromS("x")))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> change.keys().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void convertsEveryAttributeTypeToPlainJava() {
        Map<String, AttributeValue> image = new LinkedHashMap<>();
        image.put("s", AttributeValue.fromS("text"));
        image.put("n", AttributeValue.fromN("12345678901234567890.123456789"));
        image.put("b", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {1, 2, 3})));
        image.put("bool", AttributeValue.fromBool(true));
        image.put("nul", AttributeValue.fromNul(true));
        image.put("ss", AttributeValue.fromSs(List.of("x", "y")));
        image.put("ns", AttributeValue.fromNs(List.of("1", "2.5", "-3")));
        image.put("bs", AttributeValue.fromBs(List.of(
                SdkBytes.fromByteArray(new byte[] {9}), SdkBytes.fromByteArray(new byte[] {8, 7}))));
        image.put("l", AttributeValue.fromL(List.of(AttributeValue.fromS("first"), AttributeValue.fromN("2"),
                AttributeValue.fromNul(true))));
        image.put("m", AttributeValue.fromM(Map.of(
                "nested", AttributeValue.fromM(Map.of("deep", AttributeValue.fromBool(false))))));

        Map<String, Object> item = builder(ChangeType.INSERT).newImage(image).build().newItem();

        assertThat(item).containsOnlyKeys(image.keySet());
        assertThat(item.keySet()).containsExactlyElementsOf(image.keySet());
        assertThat(item.get("s")).isEqualTo("text");
        assertThat(item.get("n")).isEqualTo(new BigDecimal("12345678901234567890.123456789"));
        assertThat((byte[]) item.get("b")).containsExactly(1, 2, 3);
        assertThat(item.get("bool")).isEqualTo(Boolean.TRUE);
        assertThat(item).containsEntry("nul", null);
        assertThat(item.get("ss")).isEqualTo(Set.of("x", "y"));
        assertThat(item.get("ns")).isEqualTo(Set.of(new BigDecimal("1"), new BigDecimal("2.5"), new BigDecimal("-3")));
        assertThat(item.get("bs"))
                .isEqualTo(Set.of(ByteBuffer.wrap(new byte[] {9}), ByteBuffer.wrap(new byte[] {8, 7})));
        List<Object> expectedList = new ArrayList<>();
        expectedList.add("first");
        expectedList.add(new BigDecimal("2"));
        expectedList.add(null);
        assertThat(item.get("l")).isEqualTo(expectedList);
        assertThat(item.get("m")).isEqualTo(Map.of("nested", Map.of("deep", false)));
    }

    @Test
    void plainItemsCannotBeModified() {
        Map<String, Object> item = builder(ChangeType.INSERT).newImage(NEW).build().newItem();

        assertThatThrownBy(() -> item.put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
        @SuppressWarnings("unchecked")
        List<Object> lines = (List<Object>) item.get("lines");
        assertThatThrownBy(() -> lines.add("c")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void binaryValuesAreCopiesThatDoNotChangeTheRecord() {
        ChangeRecord change = builder(ChangeType.INSERT)
                .newImage(Map.of("b", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {1}))))
                .build();

        ((byte[]) change.newItem().get("b"))[0] = 42;

        assertThat((byte[]) change.newItem().get("b")).containsExactly(1);
    }

    @Test
    void anAttributeWithoutTypeIsReportedByItsPath() {
        ChangeRecord change = builder(ChangeType.INSERT)
                .newImage(Map.of("outer", AttributeValue.fromL(List.of(AttributeValue.builder().build()))))
                .build();

        assertThatExceptionOfType(DynamoDbStreamException.class)
                .isThrownBy(change::newItem)
                .withMessageContaining("new image")
                .withMessageContaining("'outer[0]' has no type set");
    }

    @ParameterizedTest
    @EnumSource(value = StreamViewType.class, names = "UNKNOWN_TO_SDK_VERSION", mode = EnumSource.Mode.EXCLUDE)
    void imagesFollowTheViewTypeForEveryChangeType(StreamViewType viewType) {
        boolean keepsNew = viewType == StreamViewType.NEW_IMAGE || viewType == StreamViewType.NEW_AND_OLD_IMAGES;
        boolean keepsOld = viewType == StreamViewType.OLD_IMAGE || viewType == StreamViewType.NEW_AND_OLD_IMAGES;
        for (OperationType operation : List.of(OperationType.INSERT, OperationType.MODIFY, OperationType.REMOVE)) {
            boolean hasNew = keepsNew && operation != OperationType.REMOVE;
            boolean hasOld = keepsOld && operation != OperationType.INSERT;
            Record sdkRecord = record(operation, stream -> {
                stream.keys(KEYS).streamViewType(viewType);
                if (hasNew) {
                    stream.newImage(NEW);
                }
                if (hasOld) {
                    stream.oldImage(OLD);
                }
            });

            ChangeRecord change = ChangeRecord.of(sdkRecord, SHARD, STREAM_ARN);

            assertThat(change.type()).hasToString(operation.toString());
            assertThat(change.keys()).isEqualTo(KEYS);
            assertThat(change.hasNewImage()).isEqualTo(hasNew);
            assertThat(change.hasOldImage()).isEqualTo(hasOld);
            assertThat(change.newImage()).isEqualTo(hasNew ? NEW : Map.of());
            assertThat(change.oldImage()).isEqualTo(hasOld ? OLD : Map.of());
            assertThat(change.newItem()).hasSize(hasNew ? NEW.size() : 0);
            assertThat(change.oldItem()).hasSize(hasOld ? OLD.size() : 0);
            assertThat(change.newItem(OrderBean.class) != null).isEqualTo(hasNew);
            assertThat(change.oldItem(OrderBean.class) != null).isEqualTo(hasOld);
            assertThat(change.newItem(image -> image.size()) != null).isEqualTo(hasNew);
            assertThat(change.oldItem(image -> image.size()) != null).isEqualTo(hasOld);
        }
    }

    @Test
    void aRemoveByTheDynamoDbServiceIsATimeToLiveDelete() {
        Identity service = Identity.builder().type("Service").principalId("dynamodb.amazonaws.com").build();

        ChangeRecord expiry = ChangeRecord.of(record(OperationType.REMOVE, stream -> stream.keys(KEYS).oldImage(OLD))
                .toBuilder().userIdentity(service).build(), SHARD, STREAM_ARN);

        assertThat(expiry.isTimeToLiveDelete()).isTrue();
        assertThat(expiry).asString().contains("(TTL)");
    }

    @Test
    void otherRemovesAreNotTimeToLiveDeletes() {
        Record remove = record(OperationType.REMOVE, stream -> stream.keys(KEYS));
        Identity otherPrincipal = Identity.builder().type("Service").principalId("lambda.amazonaws.com").build();
        Identity user = Identity.builder().type("User").principalId("dynamodb.amazonaws.com").build();

        assertThat(ChangeRecord.of(remove, SHARD, STREAM_ARN).isTimeToLiveDelete()).isFalse();
        assertThat(ChangeRecord.of(remove.toBuilder().userIdentity(otherPrincipal).build(), SHARD, STREAM_ARN)
                .isTimeToLiveDelete()).isFalse();
        assertThat(ChangeRecord.of(remove.toBuilder().userIdentity(user).build(), SHARD, STREAM_ARN)
                .isTimeToLiveDelete()).isFalse();
    }

    @Test
    void onlyARemoveCanBeATimeToLiveDelete() {
        Identity service = Identity.builder().type("Service").principalId("dynamodb.amazonaws.com").build();
        Record modify = record(OperationType.MODIFY, stream -> stream.keys(KEYS)).toBuilder()
                .userIdentity(service).build();

        assertThat(ChangeRecord.of(modify, SHARD, STREAM_ARN).isTimeToLiveDelete()).isFalse();
        assertThatIllegalArgumentException()
                .isThrownBy(() -> builder(ChangeType.INSERT).timeToLiveDelete(true).build())
                .withMessageContaining("Only a REMOVE can be a Time to Live deletion, not INSERT");
    }

    @Test
    void mapsImagesToAnEnhancedClientBean() {
        ChangeRecord change = builder(ChangeType.MODIFY).newImage(NEW).oldImage(OLD).build();

        OrderBean after = change.newItem(OrderBean.class);
        OrderBean before = change.oldItem(OrderBean.class);

        assertThat(after.getId()).isEqualTo("order-1");
        assertThat(after.getTotal()).isEqualByComparingTo("12.75");
        assertThat(after.isPaid()).isTrue();
        assertThat(after.getLines()).containsExactly("a", "b");
        assertThat(before.getTotal()).isEqualByComparingTo("10.50");
        assertThat(before.isPaid()).isFalse();
        assertThat(before.getLines()).containsExactly("a");
    }

    @Test
    void aClassTheEnhancedClientCannotMapIsNamedInTheError() {
        ChangeRecord change = builder(ChangeType.INSERT).newImage(NEW).build();

        assertThatExceptionOfType(DynamoDbStreamException.class)
                .isThrownBy(() -> change.newItem(NotABean.class))
                .withMessageContaining("Cannot map stream items to " + NotABean.class.getName())
                .withMessageContaining("@DynamoDbBean")
                .withMessageContaining("ItemMapper");
    }

    @Test
    void mapsImagesWithTheApplicationsOwnMapper() {
        ItemMapper<String> totals = image -> image.get("id").s() + "=" + image.get("total").n();
        ChangeRecord change = builder(ChangeType.MODIFY).newImage(NEW).oldImage(OLD).build();

        assertThat(change.newItem(totals)).isEqualTo("order-1=12.75");
        assertThat(change.oldItem(totals)).isEqualTo("order-1=10.50");
    }

    @Test
    void theMapperIsNotCalledForAnAbsentImage() {
        ChangeRecord insert = builder(ChangeType.INSERT).newImage(NEW).build();

        assertThat(insert.oldItem((ItemMapper<Object>) image -> {
            throw new AssertionError("called for an absent image");
        })).isNull();
    }

    @Test
    void aRecordWithoutItsDynamoDbPartIsMalformed() {
        Record withoutChange = Record.builder().eventID("e-1").eventName(OperationType.INSERT).build();

        assertThatExceptionOfType(MalformedRecordException.class)
                .isThrownBy(() -> ChangeRecord.of(withoutChange, SHARD, STREAM_ARN))
                .withMessageContaining(SHARD)
                .withMessageContaining("no 'dynamodb' part")
                .satisfies(e -> assertThat(e.shardId()).isEqualTo(SHARD))
                .satisfies(e -> assertThat(e.sequenceNumber()).isNull());
    }

    @Test
    void anUnknownEventNameIsMalformedNamingShardAndSequenceNumber() {
        Record unknown = record(OperationType.INSERT, stream -> stream.keys(KEYS)).toBuilder()
                .eventName("UPSERT").build();

        assertThatExceptionOfType(MalformedRecordException.class)
                .isThrownBy(() -> ChangeRecord.of(unknown, SHARD, STREAM_ARN))
                .withMessageContaining("shard " + SHARD)
                .withMessageContaining("sequence number " + unknown.dynamodb().sequenceNumber())
                .withMessageContaining("Unknown stream record eventName 'UPSERT'")
                .satisfies(e -> assertThat(e.sequenceNumber()).isEqualTo(unknown.dynamodb().sequenceNumber()));
    }

    @Test
    void aRecordWithoutSequenceNumberKeysOrCreationTimeIsMalformed() {
        Record good = record(OperationType.INSERT, stream -> stream.keys(KEYS));

        assertThatExceptionOfType(MalformedRecordException.class)
                .isThrownBy(() -> ChangeRecord.of(good.toBuilder()
                        .dynamodb(good.dynamodb().toBuilder().sequenceNumber(null).build()).build(), SHARD, STREAM_ARN))
                .withMessageContaining("sequence number is missing");
        assertThatExceptionOfType(MalformedRecordException.class)
                .isThrownBy(() -> ChangeRecord.of(good.toBuilder()
                        .dynamodb(good.dynamodb().toBuilder().sequenceNumber("12x").build()).build(),
                        SHARD, STREAM_ARN))
                .withMessageContaining("not a string of digits");
        assertThatExceptionOfType(MalformedRecordException.class)
                .isThrownBy(() -> ChangeRecord.of(good.toBuilder()
                        .dynamodb(good.dynamodb().toBuilder().keys(null).build()).build(), SHARD, STREAM_ARN))
                .withMessageContaining("it has no keys");
        assertThatExceptionOfType(MalformedRecordException.class)
                .isThrownBy(() -> ChangeRecord.of(good.toBuilder().dynamodb(good.dynamodb().toBuilder()
                        .approximateCreationDateTime(null).build()).build(), SHARD, STREAM_ARN))
                .withMessageContaining("no ApproximateCreationDateTime");
    }

    @Test
    void malformedRecordsAreStreamExceptions() {
        assertThat(new MalformedRecordException(SHARD, "1", "x")).isInstanceOf(DynamoDbStreamException.class);
    }

    @Test
    void aBadStreamArnIsTheCallersErrorNotAMalformedRecord() {
        Record good = record(OperationType.INSERT, stream -> stream.keys(KEYS));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> ChangeRecord.of(good, SHARD, "orders"))
                .withMessageContaining("Malformed DynamoDB stream ARN");
    }

    @Test
    void theBuilderRequiresTypeSequenceNumberShardAndStream() {
        assertThatNullPointerException().isThrownBy(() -> ChangeRecord.builder().build()).withMessage("type");
        assertThatNullPointerException()
                .isThrownBy(() -> ChangeRecord.builder().type(ChangeType.INSERT).build())
                .withMessage("sequenceNumber");
        assertThatNullPointerException()
                .isThrownBy(() -> ChangeRecord.builder().type(ChangeType.INSERT).sequenceNumber("1").build())
                .withMessage("shardId");
        assertThatNullPointerException()
                .isThrownBy(() -> ChangeRecord.builder().type(ChangeType.INSERT).sequenceNumber("1").shardId("s")
                        .build())
                .withMessage("streamArn");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ChangeRecord.builder().sequenceNumber("abc"))
                .withMessageContaining("'abc'");
    }

    @Test
    void theBuilderFillsDefaultsAndCopiesItsMaps() {
        Map<String, AttributeValue> image = new LinkedHashMap<>(NEW);

        ChangeRecord change = builder(ChangeType.INSERT).newImage(image).build();
        image.put("extra", AttributeValue.fromS("later"));

        assertThat(change.newImage()).isEqualTo(NEW);
        assertThat(change.oldImage()).isEmpty();
        assertThat(change.approximateCreationTime()).isEqualTo(Instant.EPOCH);
        assertThat(change.sizeBytes()).isZero();
        assertThat(change.eventId()).isNotBlank();
        assertThat(change.tableName()).isEqualTo("orders");
        assertThat(change.toBuilder().build()).isEqualTo(change).hasSameHashCodeAs(change);
        assertThat(change.toBuilder().sequenceNumber("2").build()).isNotEqualTo(change);
    }

    @Test
    void toStringNamesTheRecordWithoutItsValues() {
        ChangeRecord change = builder(ChangeType.MODIFY).newImage(NEW).oldImage(OLD).build();

        assertThat(change).asString()
                .contains("MODIFY", "orders", SHARD, change.sequenceNumber(), change.eventId())
                .doesNotContain("order-1", "12.75");
    }

    private static ChangeRecord.Builder builder(ChangeType type) {
        return ChangeRecord.builder()
                .type(type).keys(KEYS).sequenceNumber("100").shardId(SHARD).streamArn(STREAM_ARN);
    }

    private static Record record(OperationType operation, Consumer<StreamRecord.Builder> change) {
        StreamRecord.Builder stream = StreamRecord.builder()
                .sequenceNumber("4421584500000000017450439091")
                .sizeBytes(100L)
                .approximateCreationDateTime(Instant.parse("2024-05-01T12:00:00Z"));
        change.accept(stream);
        return Record.builder()
                .eventID("0f4a1b2c3d4e5f60718293a4b5c6d7e8")
                .eventName(operation)
                .eventSource("aws:dynamodb")
                .awsRegion("us-east-1")
                .dynamodb(stream.build())
                .build();
    }

    /** Not annotated, so the enhanced client has no schema for it. */
    public static class NotABean {
    }
}
