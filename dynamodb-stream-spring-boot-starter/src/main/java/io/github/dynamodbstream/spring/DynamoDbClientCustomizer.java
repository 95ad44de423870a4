package io.github.dynamodbstream.spring;

import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * Changes the builder of the auto-configured {@code DynamoDbClient} (used to resolve table names to stream ARNs
 * and by the DynamoDB checkpoint store) after the {@code dynamodb.stream.*} properties were applied. Customizer
 * beans are applied in their {@code @Order}.
 * <pre>{@code
 * @Bean
 * DynamoDbClientCustomizer dynamoDbRetries() {
 *     return builder -> builder.overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD));
 * }
 * }</pre>
 */
@FunctionalInterface
public interface DynamoDbClientCustomizer {

    /**
     * Customizes the builder.
     *
     * @param builder the builder, with the properties applied
     */
    void customize(DynamoDbClientBuilder builder);
}
