package io.github.dynamodbstream.benchmarks.support;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.StreamDescription;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** A stream's shards as DescribeStream lists them, every page of them. */
public final class StreamShards {

    private StreamShards() {
    }

    /** Every shard of the stream, open and closed. */
    public static List<Shard> all(DynamoDbStreamsClient streams, String streamArn) {
        StreamDescription page = describe(streams, streamArn, null);
        List<Shard> shards = new ArrayList<>(page.shards());
        while (page.lastEvaluatedShardId() != null) {
            page = describe(streams, streamArn, page.lastEvaluatedShardId());
            shards.addAll(page.shards());
        }
        return shards;
    }

    /** The shards of the stream that have no ending sequence number yet. */
    public static List<Shard> open(DynamoDbStreamsClient streams, String streamArn) {
        return all(streams, streamArn).stream().filter(StreamShards::isOpen).toList();
    }

    public static boolean isOpen(Shard shard) {
        return shard.sequenceNumberRange().endingSequenceNumber() == null;
    }

    private static StreamDescription describe(DynamoDbStreamsClient streams, String streamArn, String startAfter) {
        return streams.describeStream(b -> b.streamArn(streamArn).exclusiveStartShardId(startAfter))
                .streamDescription();
    }
}
