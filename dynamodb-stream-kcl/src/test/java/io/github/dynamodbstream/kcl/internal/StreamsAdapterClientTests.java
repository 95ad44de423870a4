package io.github.dynamodbstream.kcl.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.dynamodbv2.streamsadapter.adapter.DynamoDBStreamsClientRecord;
import com.amazonaws.services.dynamodbv2.streamsadapter.adapter.DynamoDBStreamsGetRecordsResponseAdapter;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsRequest;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

class StreamsAdapterClientTests {

    private static final GetRecordsRequest REQUEST = GetRecordsRequest.builder().shardIterator("iterator").build();

    @Test
    void pageCarriesEachStreamRecordWithAPayloadOfItsSizeBuiltOnce() throws Exception {
        Record first = record("000100", 120L);
        Record second = record("000200", 7L);
        StreamsAdapterClient client = new StreamsAdapterClient(streams(request -> GetRecordsResponse.builder()
                .records(first, second).nextShardIterator("next").build()), Region.EU_WEST_1, Runnable::run);

        DynamoDBStreamsGetRecordsResponseAdapter page = client.getDynamoDBStreamsRecords(REQUEST).get();

        List<KinesisClientRecord> records = page.records();
        assertThat(records).extracting(record -> ((DynamoDBStreamsClientRecord) record).getRecord())
                .containsExactly(first, second);
        assertThat(records).extracting(KinesisClientRecord::sequenceNumber).containsExactly("000100", "000200");
        assertThat(records).extracting(record -> record.data().remaining()).containsExactly(120, 7);
        List<KinesisClientRecord> again = page.records();
        assertThat(again).isNotSameAs(records).hasSize(2);
        assertThat(again.get(0)).isSameAs(records.get(0));
        assertThat(again.get(1)).isSameAs(records.get(1));
        assertThat(page.nextShardIterator()).isEqualTo("next");
    }

    @Test
    void payloadsAreReadOnlyAndIndependentOfEachOther() throws Exception {
        StreamsAdapterClient client = new StreamsAdapterClient(streams(request -> GetRecordsResponse.builder()
                .records(record("000500", 4L), record("000600", 5L)).build()), Region.EU_WEST_1, Runnable::run);
        List<KinesisClientRecord> records = client.getDynamoDBStreamsRecords(REQUEST).get().records();

        ByteBuffer first = records.get(0).data();
        first.get(new byte[4]);

        assertThat(first.isReadOnly()).isTrue();
        assertThat(first.remaining()).isZero();
        ByteBuffer second = records.get(1).data();
        assertThat(second.remaining()).isEqualTo(5);
        byte[] bytes = new byte[5];
        second.get(bytes);
        assertThat(bytes).containsOnly(0);
    }

    @Test
    void getRecordsRunsOnTheExecutorGiven() throws Exception {
        AtomicReference<String> readOn = new AtomicReference<>();
        ExecutorService reads = Executors.newSingleThreadExecutor(task -> new Thread(task, "reader-under-test"));
        try {
            StreamsAdapterClient client = new StreamsAdapterClient(streams(request -> {
                readOn.set(Thread.currentThread().getName());
                return GetRecordsResponse.builder().records(record("000700", 1L)).build();
            }), Region.EU_WEST_1, reads);

            assertThat(client.getDynamoDBStreamsRecords(REQUEST).get().records()).hasSize(1);
            assertThat(readOn).hasValue("reader-under-test");
        } finally {
            reads.shutdownNow();
        }
    }

    @Test
    void recordWithoutSizeHasAnEmptyPayload() throws Exception {
        StreamsAdapterClient client = new StreamsAdapterClient(streams(request -> GetRecordsResponse.builder()
                .records(record("000300", null)).build()), Region.EU_WEST_1, Runnable::run);

        assertThat(client.getDynamoDBStreamsRecords(REQUEST).get().records())
                .singleElement().satisfies(record -> assertThat(record.data().remaining()).isZero());
    }

    @Test
    void streamsErrorsReachTheLibraryAsTheAdapterTranslatesThem() {
        StreamsAdapterClient client = new StreamsAdapterClient(streams(request -> {
            throw ExpiredIteratorException.builder().message("expired").build();
        }), Region.EU_WEST_1, Runnable::run);

        assertThatThrownBy(() -> client.getDynamoDBStreamsRecords(REQUEST).get())
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(software.amazon.awssdk.services.kinesis.model.ExpiredIteratorException.class);
    }

    private static Record record(String sequenceNumber, Long sizeBytes) {
        return Record.builder().eventName(OperationType.INSERT).dynamodb(StreamRecord.builder()
                .sequenceNumber(sequenceNumber).sizeBytes(sizeBytes)
                .approximateCreationDateTime(Instant.parse("2026-01-01T00:00:00Z"))
                .keys(Map.of("id", AttributeValue.fromS("a"))).build()).build();
    }

    private static DynamoDbStreamsClient streams(Function<GetRecordsRequest, GetRecordsResponse> getRecords) {
        return new DynamoDbStreamsClient() {
            @Override
            public GetRecordsResponse getRecords(GetRecordsRequest request) {
                return getRecords.apply(request);
            }

            @Override
            public String serviceName() {
                return SERVICE_NAME;
            }

            @Override
            public void close() {
            }
        };
    }
}
