package io.github.dynamodbstream.kcl.internal;

import io.github.dynamodbstream.spring.StreamDefinition;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The KCL application name of a stream, which names its lease table: {@code <consumer-name>-<stream name>}, however
 * many streams the application reads. An earlier version named the table of an application that read one stream
 * {@code <consumer-name>}: when such a table exists and its leases name shards of this stream, it is kept, so that
 * the stream goes on from its checkpoints instead of starting over in an empty table.
 */
public final class LeaseTableNames {

    private static final Logger log = LoggerFactory.getLogger(LeaseTableNames.class);
    private static final String LEASE_KEY = "leaseKey";
    private static final int LEASES_LOOKED_AT = 100;

    private LeaseTableNames() {
    }

    /** The name the rule gives, whatever tables exist. */
    public static String of(StreamDefinition stream) {
        return stream.consumerName() + "-" + stream.name();
    }

    /**
     * The application name to start the stream's KCL worker with.
     *
     * @param dynamoDb the client of the lease tables
     * @param streams the client that lists the stream's shards
     * @return {@link #of(StreamDefinition)}, or the earlier version's {@code <consumer-name>} when that table holds
     *         this stream's leases and the new one does not exist yet
     */
    public static String resolve(StreamDefinition stream, DynamoDbAsyncClient dynamoDb, DynamoDbStreamsClient streams) {
        String name = of(stream);
        String earlier = stream.consumerName();
        if (exists(dynamoDb, name) || !exists(dynamoDb, earlier)) {
            return name;
        }
        Set<String> leased = leaseKeys(dynamoDb, earlier);
        leased.retainAll(shardIds(streams, stream.streamArn().toString()));
        if (leased.isEmpty()) {
            return name;
        }
        log.warn("Stream '{}' keeps the lease table '{}' that an earlier version created for it (its leases name "
                + "this stream's shards), so it goes on from its checkpoints; a new application would name the table "
                + "'{}'", stream.name(), earlier, name);
        return earlier;
    }

    private static boolean exists(DynamoDbAsyncClient dynamoDb, String table) {
        try {
            dynamoDb.describeTable(request -> request.tableName(table)).join();
            return true;
        } catch (CompletionException e) {
            if (e.getCause() instanceof ResourceNotFoundException) {
                return false;
            }
            throw e;
        }
    }

    private static Set<String> leaseKeys(DynamoDbAsyncClient dynamoDb, String table) {
        Set<String> keys = new HashSet<>();
        for (Map<String, AttributeValue> item : dynamoDb.scan(request -> request.tableName(table)
                .limit(LEASES_LOOKED_AT).projectionExpression(LEASE_KEY)).join().items()) {
            AttributeValue key = item.get(LEASE_KEY);
            if (key != null && key.s() != null) {
                keys.add(key.s());
            }
        }
        return keys;
    }

    private static Set<String> shardIds(DynamoDbStreamsClient streams, String streamArn) {
        Set<String> ids = new HashSet<>();
        String start = null;
        do {
            String exclusiveStart = start;
            var description = streams.describeStream(request -> request.streamArn(streamArn)
                    .exclusiveStartShardId(exclusiveStart)).streamDescription();
            description.shards().stream().map(Shard::shardId).forEach(ids::add);
            start = description.lastEvaluatedShardId();
        } while (start != null);
        return ids;
    }
}
