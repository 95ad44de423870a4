package io.github.dynamodbstream.core.internal.shard;

import io.github.dynamodbstream.core.DynamoDbStreamException;
import io.github.dynamodbstream.core.StreamUnavailableException;
import io.github.dynamodbstream.core.internal.api.ApiErrors;
import io.github.dynamodbstream.core.internal.api.StreamApi;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardFilter;
import software.amazon.awssdk.services.dynamodb.model.ShardFilterType;
import software.amazon.awssdk.services.dynamodb.model.StreamDescription;

/**
 * Lists the shards of a stream with {@code DescribeStream}: the whole stream, paged to the end, when a listing is
 * due (on its own interval, since {@code DescribeStream} allows only 10 calls a second per account), and the
 * children of one closed shard with a {@code CHILD_SHARDS} filter, without listing everything again.
 */
public final class ShardDiscovery {

    private static final int PAGE_SIZE = 100;
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);

    private final StreamApi api;
    private final String streamArn;
    private final Clock clock;
    private final Duration interval;
    private Instant nextListing = Instant.MIN;
    private int failedListings;

    public ShardDiscovery(StreamApi api, String streamArn, Clock clock, Duration interval) {
        this.api = api;
        this.streamArn = streamArn;
        this.clock = clock;
        this.interval = interval;
    }

    /** Whether a full listing is due. */
    public boolean isListingDue() {
        return !clock.instant().isBefore(nextListing);
    }

    /** Makes the next round list the whole stream, whatever the interval says. */
    public void requestListing() {
        nextListing = Instant.MIN;
    }

    /**
     * Lists every shard of the stream.
     *
     * @throws StreamUnavailableException when the stream does not exist
     * @throws DynamoDbStreamException when DescribeStream fails otherwise, after its retries
     */
    public StreamListing listAll() {
        List<ShardInfo> shards = new ArrayList<>();
        String startAfter = null;
        StreamDescription description;
        do {
            description = describe(DescribeStreamRequest.builder().streamArn(streamArn).limit(PAGE_SIZE)
                    .exclusiveStartShardId(startAfter).build());
            for (Shard shard : description.shards()) {
                shards.add(ShardInfo.of(shard));
            }
            startAfter = description.lastEvaluatedShardId();
        } while (startAfter != null);
        nextListing = clock.instant().plus(interval);
        failedListings = 0;
        return new StreamListing(description.streamStatus(), shards);
    }

    /**
     * Puts the next full listing off after one failed: 1 s after the first failure in a row, twice as long after
     * each further one, at most the listing interval (but at least 1 s).
     *
     * @return how long until the next listing is due
     */
    public Duration listingFailed() {
        failedListings++;
        Duration most = interval.compareTo(FIRST_RETRY) > 0 ? interval : FIRST_RETRY;
        Duration backoff = FIRST_RETRY.multipliedBy(1L << Math.min(failedListings - 1, 20));
        Duration wait = backoff.compareTo(most) > 0 ? most : backoff;
        nextListing = clock.instant().plus(wait);
        return wait;
    }

    /**
     * Lists the children of one shard.
     *
     * @throws StreamUnavailableException when the stream does not exist
     */
    public List<ShardInfo> children(String shardId) {
        List<ShardInfo> children = new ArrayList<>();
        ShardFilter filter = ShardFilter.builder().type(ShardFilterType.CHILD_SHARDS).shardId(shardId).build();
        String startAfter = null;
        do {
            StreamDescription description = describe(DescribeStreamRequest.builder().streamArn(streamArn)
                    .shardFilter(filter).exclusiveStartShardId(startAfter).build());
            for (Shard shard : description.shards()) {
                children.add(ShardInfo.of(shard));
            }
            startAfter = description.lastEvaluatedShardId();
        } while (startAfter != null);
        return children;
    }

    /**
     * Checks that the stream still exists.
     *
     * @throws StreamUnavailableException when it does not
     */
    public void checkStreamExists() {
        describe(DescribeStreamRequest.builder().streamArn(streamArn).limit(1).build());
    }

    private StreamDescription describe(DescribeStreamRequest request) {
        try {
            DescribeStreamResponse response = api.describeStream(request);
            return response.streamDescription();
        } catch (ResourceNotFoundException e) {
            throw new StreamUnavailableException(streamArn, "Stream " + streamArn + " does not exist: its table was "
                    + "deleted, or the ARN is wrong. Check the table's LatestStreamArn (DescribeTable) and that its "
                    + "stream is enabled, then point the poller to that ARN.", e);
        } catch (SdkException e) {
            throw new DynamoDbStreamException("DescribeStream of stream " + streamArn + " failed after its retries: "
                    + ApiErrors.describe(e), e);
        }
    }
}
