package io.github.dynamodbstream.spring.poller;

import io.github.dynamodbstream.core.DynamoDbStreamPoller;
import io.github.dynamodbstream.spring.StreamDefinition;

/**
 * Changes the builder of a stream's {@link DynamoDbStreamPoller} after the {@code dynamodb.stream.*} settings were
 * applied, for options without a property. Customizer beans are applied in their {@code @Order}, for every stream.
 * <pre>{@code
 * @Bean
 * DynamoDbStreamPollerCustomizer busyShards() {
 *     return (stream, builder) -> builder.maxCallsPerShardPerRound(50);
 * }
 * }</pre>
 * Leave the executor and the observer as they are: the listener container owns them.
 */
@FunctionalInterface
public interface DynamoDbStreamPollerCustomizer {

    /**
     * Customizes the builder of one stream's poller.
     *
     * @param stream the stream the poller reads
     * @param builder the builder, with the stream's settings applied
     */
    void customize(StreamDefinition stream, DynamoDbStreamPoller.Builder builder);
}
