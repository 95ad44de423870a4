package io.github.dynamodbstream.spring.observation;

import io.github.dynamodbstream.spring.observation.DynamoDbStreamObservation.HighCardinalityKeys;
import io.github.dynamodbstream.spring.observation.DynamoDbStreamObservation.LowCardinalityKeys;
import io.micrometer.common.KeyValues;

/**
 * The convention of {@link DynamoDbStreamObservation#LISTENER}: named {@code dynamodb.stream.listener}, contextual
 * name {@code <stream> deliver}, tagged with the stream, the table, the change type and the outcome, and (on spans)
 * the shard and the sequence number.
 */
public class DefaultDynamoDbStreamDeliveryConvention implements DynamoDbStreamDeliveryConvention {

    /** The observation's name, and so the timer's. */
    public static final String NAME = "dynamodb.stream.listener";

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public String getContextualName(DynamoDbStreamDeliveryContext context) {
        return context.streamName() + " deliver";
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(DynamoDbStreamDeliveryContext context) {
        return KeyValues.of(
                LowCardinalityKeys.STREAM.withValue(context.streamName()),
                LowCardinalityKeys.TABLE.withValue(context.tableName()),
                LowCardinalityKeys.CHANGE_TYPE.withValue(context.changeType()),
                LowCardinalityKeys.OUTCOME.withValue(context.getError() == null ? "SUCCESS" : "FAILURE"));
    }

    @Override
    public KeyValues getHighCardinalityKeyValues(DynamoDbStreamDeliveryContext context) {
        return KeyValues.of(
                HighCardinalityKeys.SHARD.withValue(context.shardId()),
                HighCardinalityKeys.SEQUENCE_NUMBER.withValue(context.sequenceNumber()));
    }
}
