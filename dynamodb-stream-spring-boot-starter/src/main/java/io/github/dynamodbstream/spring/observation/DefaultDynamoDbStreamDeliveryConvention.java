package io.github.dynamodbstream.spring.observation;

import io.github.dynamodbstream.spring.observation.DynamoDbStreamObservation.HighCardinalityKeys;
import io.github.dynamodbstream.spring.observation.DynamoDbStreamObservation.LowCardinalityKeys;
import io.micrometer.common.KeyValues;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The convention of {@link DynamoDbStreamObservation#LISTENER}: named {@code dynamodb.stream.listener}, contextual
 * name {@code <stream> deliver}, tagged with the stream, the table, the change type and the outcome, and (on spans)
 * the shard and the sequence number.
 *
 * <p>The low-cardinality key values and the contextual name take a few values per stream: they are built once for
 * each stream, table and change type, and the same instances are returned for every delivery after that.
 */
public class DefaultDynamoDbStreamDeliveryConvention implements DynamoDbStreamDeliveryConvention {

    /** The observation's name, and so the timer's. */
    public static final String NAME = "dynamodb.stream.listener";

    /** How many kinds of delivery are kept; beyond that, the key values of a new kind are built on every call. */
    private static final int MAX_KINDS = 256;

    private final Map<Kind, Tags> tags = new ConcurrentHashMap<>();

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public String getContextualName(DynamoDbStreamDeliveryContext context) {
        return tags(context).contextualName();
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(DynamoDbStreamDeliveryContext context) {
        Tags kind = tags(context);
        return context.getError() == null ? kind.success() : kind.failure();
    }

    @Override
    public KeyValues getHighCardinalityKeyValues(DynamoDbStreamDeliveryContext context) {
        // in key order, which KeyValues then keeps without sorting
        return KeyValues.of(
                HighCardinalityKeys.SEQUENCE_NUMBER.withValue(context.sequenceNumber()),
                HighCardinalityKeys.SHARD.withValue(context.shardId()));
    }

    private Tags tags(DynamoDbStreamDeliveryContext context) {
        Kind kind = new Kind(context.streamName(), context.tableName(), context.changeType());
        Tags known = tags.get(kind);
        if (known != null) {
            return known;
        }
        Tags built = Tags.of(kind);
        return tags.size() < MAX_KINDS ? tags.computeIfAbsent(kind, k -> built) : built;
    }

    /** The deliveries whose low-cardinality key values are the same, but for the outcome. */
    private record Kind(String streamName, String tableName, String changeType) {
    }

    /** The key values of one kind of delivery, for each outcome, and its contextual name. */
    private record Tags(KeyValues success, KeyValues failure, String contextualName) {

        static Tags of(Kind kind) {
            return new Tags(keyValues(kind, "SUCCESS"), keyValues(kind, "FAILURE"), kind.streamName() + " deliver");
        }

        private static KeyValues keyValues(Kind kind, String outcome) {
            return KeyValues.of(
                    LowCardinalityKeys.STREAM.withValue(kind.streamName()),
                    LowCardinalityKeys.TABLE.withValue(kind.tableName()),
                    LowCardinalityKeys.CHANGE_TYPE.withValue(kind.changeType()),
                    LowCardinalityKeys.OUTCOME.withValue(outcome));
        }
    }
}
