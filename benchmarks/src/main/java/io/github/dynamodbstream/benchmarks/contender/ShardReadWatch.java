package io.github.dynamodbstream.benchmarks.contender;

import io.github.dynamodbstream.benchmarks.support.MicroClock;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsRequest;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.dynamodb.model.GetShardIteratorResponse;

/**
 * Watches the calls of a DynamoDB Streams client from inside it: the {@code GetRecords} calls, the shards read at
 * least once (an iterator is traced back to the {@code GetShardIterator} call that gave it), and when the first
 * {@code GetRecords} after {@link #markStart()} was sent.
 */
final class ShardReadWatch implements ExecutionInterceptor {

    private final Map<String, String> shardOfFirstIterator = new ConcurrentHashMap<>();
    private final Set<String> shardsRead = ConcurrentHashMap.newKeySet();
    private final AtomicLong getRecords = new AtomicLong();
    private final AtomicLong firstGetRecordsAfterStartMicros = new AtomicLong();
    private volatile boolean started;

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (context.request() instanceof GetRecordsRequest) {
            getRecords.incrementAndGet();
            if (started) {
                firstGetRecordsAfterStartMicros.compareAndSet(0, MicroClock.nowMicros());
            }
        }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if (context.response() instanceof GetShardIteratorResponse response && response.shardIterator() != null) {
            shardOfFirstIterator.put(response.shardIterator(), ((GetShardIteratorRequest) context.request()).shardId());
        } else if (context.response() instanceof GetRecordsResponse) {
            String shard = shardOfFirstIterator.remove(((GetRecordsRequest) context.request()).shardIterator());
            if (shard != null) {
                shardsRead.add(shard);
            }
        }
    }

    /** From now on, the first {@code GetRecords} sent is remembered. */
    void markStart() {
        started = true;
    }

    long getRecordsCalls() {
        return getRecords.get();
    }

    /** Shards read at least once (a {@code GetRecords} answered on an iterator from {@code GetShardIterator}). */
    int shardsRead() {
        return shardsRead.size();
    }

    /** When the first {@code GetRecords} after {@link #markStart()} was sent, or 0 before it. */
    long firstGetRecordsAfterStartMicros() {
        return firstGetRecordsAfterStartMicros.get();
    }
}
