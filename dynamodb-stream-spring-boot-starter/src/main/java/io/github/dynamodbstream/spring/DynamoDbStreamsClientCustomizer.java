package io.github.dynamodbstream.spring;

import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClientBuilder;

/**
 * Changes the builder of the auto-configured {@code DynamoDbStreamsClient} after the {@code dynamodb.stream.*}
 * properties were applied, for example to set an HTTP client or an override configuration. Customizer beans are
 * applied in their {@code @Order}.
 * <pre>{@code
 * @Bean
 * DynamoDbStreamsClientCustomizer streamsTimeouts() {
 *     return builder -> builder.overrideConfiguration(c -> c.apiCallTimeout(Duration.ofSeconds(10)));
 * }
 * }</pre>
 */
@FunctionalInterface
public interface DynamoDbStreamsClientCustomizer {

    /**
     * Customizes the builder.
     *
     * @param builder the builder, with the properties applied
     */
    void customize(DynamoDbStreamsClientBuilder builder);
}
