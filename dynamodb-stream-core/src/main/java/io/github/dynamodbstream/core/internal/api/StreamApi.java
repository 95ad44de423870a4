package io.github.dynamodbstream.core.internal.api;

import io.github.dynamodbstream.core.PollerObserver;
import io.github.dynamodbstream.core.failure.RetryBackoff;
import io.github.dynamodbstream.core.internal.retry.Backoff;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamResponse;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsRequest;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.dynamodb.model.GetShardIteratorResponse;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The three DynamoDB Streams calls a poller makes, each retried on throttling, 5xx and network errors with jittered
 * exponential backoff, counted for the observer and logged at DEBUG. Errors that are not retryable, or that outlast
 * the retries, are thrown as the SDK threw them.
 *
 * @param client the client the calls go through
 * @param retryPolicy how often, and after what pause, a failed call is tried again
 * @param observer told of every call and every throttling
 */
public record StreamApi(DynamoDbStreamsClient client, RetryBackoff retryPolicy, PollerObserver observer) {

    private static final Logger log = LoggerFactory.getLogger(StreamApi.class);

    public DescribeStreamResponse describeStream(DescribeStreamRequest request) {
        return call("DescribeStream", request.exclusiveStartShardId(), () -> client.describeStream(request));
    }

    public GetShardIteratorResponse getShardIterator(GetShardIteratorRequest request) {
        return call("GetShardIterator", request.shardId(), () -> client.getShardIterator(request));
    }

    public GetRecordsResponse getRecords(GetRecordsRequest request, String shardId) {
        return call("GetRecords", shardId, () -> client.getRecords(request));
    }

    private <T> T call(String operation, String target, Supplier<T> call) {
        for (int attempt = 1; ; attempt++) {
            long start = System.nanoTime();
            try {
                T response = call.get();
                Duration latency = Duration.ofNanos(System.nanoTime() - start);
                observer.apiCall(operation, "Success", latency);
                if (log.isDebugEnabled()) {
                    log.debug("{} {} succeeded in {} ms", operation, target, latency.toMillis());
                }
                return response;
            } catch (SdkException e) {
                Duration latency = Duration.ofNanos(System.nanoTime() - start);
                String code = ApiErrors.code(e);
                observer.apiCall(operation, code, latency);
                if (ApiErrors.isThrottling(e)) {
                    observer.throttled(operation);
                }
                boolean retry = attempt < retryPolicy.maxAttempts() && ApiErrors.isRetryable(e);
                if (log.isDebugEnabled()) {
                    log.debug("{} {} failed (attempt {} of {}, {}): {}", operation, target, attempt,
                            retryPolicy.maxAttempts(), retry ? "retrying" : "giving up", ApiErrors.describe(e));
                }
                if (!retry || !Backoff.pause(retryPolicy, attempt)) {
                    throw e;
                }
            }
        }
    }
}
