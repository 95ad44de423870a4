package io.github.dynamodbstream.spring.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the observations of deliveries. Declare a bean of this type to replace
 * {@link DefaultDynamoDbStreamDeliveryConvention} (extend it to add keys).
 */
public interface DynamoDbStreamDeliveryConvention extends ObservationConvention<DynamoDbStreamDeliveryContext> {

    @Override
    default boolean supportsContext(Observation.Context context) {
        return context instanceof DynamoDbStreamDeliveryContext;
    }
}
