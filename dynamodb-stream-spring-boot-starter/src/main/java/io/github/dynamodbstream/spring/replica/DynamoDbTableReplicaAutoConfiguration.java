package io.github.dynamodbstream.spring.replica;

import io.github.dynamodbstream.spring.DynamoDbStreamAutoConfiguration;
import io.github.dynamodbstream.spring.DynamoDbStreamProperties;
import io.github.dynamodbstream.spring.StreamDefinitions;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Auto-configuration of the table replicas, when {@code dynamodb.stream.replica.enabled} (or the same key of a
 * stream, {@code dynamodb.stream.streams.<name>.replica.enabled}) is {@code true}: the {@link DynamoDbTableReplicas},
 * fed by the streams' own pollers; a {@code DynamoDbTableReplica<T>} bean per replicated stream, typed by the
 * stream's item type and qualified by its name; and the hold on the application's readiness until every replica
 * is ready.
 */
@AutoConfiguration(after = DynamoDbStreamAutoConfiguration.class)
@ConditionalOnClass(DynamoDbStreamsClient.class)
@ConditionalOnBooleanProperty(name = DynamoDbStreamProperties.PREFIX + ".enabled", matchIfMissing = true)
@Conditional(OnReplicaEnabledCondition.class)
@Import(ReplicaBeanRegistrar.class)
public final class DynamoDbTableReplicaAutoConfiguration {

    @Bean(name = ReplicaBeanRegistrar.REPLICAS_BEAN_NAME)
    DynamoDbTableReplicas dynamoDbTableReplicas(StreamDefinitions streams, Environment environment,
            DynamoDbClient dynamoDbClient, DynamoDbStreamsClient streamsClient) {
        return new DynamoDbTableReplicas(streams, ReplicatedStream.of(environment), dynamoDbClient, streamsClient);
    }

    @Bean
    ReplicaReadiness dynamoDbTableReplicaReadiness(DynamoDbTableReplicas replicas,
            ApplicationEventPublisher publisher) {
        return new ReplicaReadiness(replicas, publisher);
    }
}
