package io.github.dynamodbstream.kcl.internal;

import com.amazonaws.services.dynamodbv2.streamsadapter.AmazonDynamoDBStreamsAdapterClient;
import com.amazonaws.services.dynamodbv2.streamsadapter.adapter.DynamoDBStreamsClientRecord;
import com.amazonaws.services.dynamodbv2.streamsadapter.adapter.DynamoDBStreamsGetRecordsResponseAdapter;
import com.amazonaws.services.dynamodbv2.streamsadapter.util.AmazonServiceExceptionTransformer;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsRequest;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.kinesis.model.EncryptionType;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

/**
 * The adapter's client with pages of records that are built once and carry no copy of each record. The adapter
 * gives every record a Kinesis payload, the record written out as JSON, and builds the list again each time the
 * Kinesis Client Library asks for it (twice per page); this module's record processor reads the DynamoDB record
 * itself and never that payload, which cost about a third of the CPU of reading a backlog. Here the payload is as
 * many zero bytes as the stream record's {@code SizeBytes}, so that the library's per-lease throughput (it counts
 * payload bytes, and balances leases by it) still follows the records' size; all those payloads are read-only views
 * of one buffer of zeros, so that no record allocates its size again. {@code GetRecords} runs on the executor given
 * (the adapter's runs each call with {@link CompletableFuture#supplyAsync(java.util.function.Supplier)}, which on a
 * machine of one or two processors starts a new, unnamed thread for every call). Everything else, exceptions
 * included, stays the adapter's.
 */
final class StreamsAdapterClient extends AmazonDynamoDBStreamsAdapterClient {

    /** Larger than any stream record: an item is at most 400 KB, a record holds at most two images of it. */
    private static final ByteBuffer ZEROS = ByteBuffer.allocate(1 << 20).asReadOnlyBuffer();

    private final DynamoDbStreamsClient streams;
    private final Executor reads;

    /**
     * @param reads runs each {@code GetRecords} call
     */
    StreamsAdapterClient(DynamoDbStreamsClient streams, Region region, Executor reads) {
        super(streams, region);
        this.streams = streams;
        this.reads = reads;
    }

    @Override
    public CompletableFuture<DynamoDBStreamsGetRecordsResponseAdapter> getDynamoDBStreamsRecords(
            GetRecordsRequest request) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return new Page(streams.getRecords(request));
            } catch (AwsServiceException e) {
                throw AmazonServiceExceptionTransformer.transformDynamoDBStreamsToKinesisGetRecords(e,
                        getSkipRecordsBehavior());
            }
        }, reads);
    }

    /** One {@code GetRecords} response, its records built when it arrives. */
    static final class Page extends DynamoDBStreamsGetRecordsResponseAdapter {

        private final List<KinesisClientRecord> records;

        Page(GetRecordsResponse response) {
            super(response);
            this.records = response.records().stream().<KinesisClientRecord>map(PlainRecord::new).toList();
        }

        /** A new list each time, as the adapter's, over the same records. */
        @Override
        public List<KinesisClientRecord> records() {
            return new ArrayList<>(records);
        }
    }

    /** A stream record as the record processor receives it, with a read-only payload of its size in zero bytes. */
    static final class PlainRecord extends DynamoDBStreamsClientRecord {

        PlainRecord(Record record) {
            super(record.dynamodb().sequenceNumber(), record.dynamodb().approximateCreationDateTime(),
                    ZEROS.slice(0, sizeOf(record)), record.dynamodb().sequenceNumber(), EncryptionType.NONE, 0,
                    null, false, null, record);
        }

        private static int sizeOf(Record record) {
            Long size = record.dynamodb().sizeBytes();
            return size == null ? 0 : (int) Math.min(size, ZEROS.capacity());
        }
    }
}
