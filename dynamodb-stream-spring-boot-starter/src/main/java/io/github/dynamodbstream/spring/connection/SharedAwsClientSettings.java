package io.github.dynamodbstream.spring.connection;

import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;

/**
 * The AWS settings the application's other clients share, which the starter's clients take too: Spring Cloud AWS's
 * ({@code spring.cloud.aws.*}), when it is on the class path. The {@code dynamodb.stream.*} connection properties
 * and a {@link DynamoDbStreamConnectionDetails} bean of the application win over them.
 */
public interface SharedAwsClientSettings {

    /** The region, endpoint and credentials these settings give DynamoDB clients; each {@code null} where none. */
    DynamoDbStreamConnectionDetails connection();

    /**
     * Applies these settings to the builder of one of the starter's DynamoDB or DynamoDB Streams clients: the
     * shared client configuration and customizers, and the region, endpoint and credentials of {@code connection}
     * (the starter's own, which wins where it differs from {@link #connection()}).
     */
    <B extends AwsClientBuilder<B, ?>> void configure(B builder, DynamoDbStreamConnectionDetails connection);
}
