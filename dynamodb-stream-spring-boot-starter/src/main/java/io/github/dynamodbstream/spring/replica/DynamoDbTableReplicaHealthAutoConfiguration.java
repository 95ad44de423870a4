package io.github.dynamodbstream.spring.replica;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code dynamodbReplica} health indicator, when Spring Boot's health support is on the
 * class path, some stream is replicated, and {@code management.health.dynamodbreplica.enabled} is not
 * {@code false}.
 */
@AutoConfiguration(after = DynamoDbTableReplicaAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(DynamoDbTableReplicas.class)
@ConditionalOnEnabledHealthIndicator("dynamodbreplica")
public final class DynamoDbTableReplicaHealthAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "dynamodbReplicaHealthIndicator")
    DynamoDbTableReplicaHealthIndicator dynamodbReplicaHealthIndicator(DynamoDbTableReplicas replicas) {
        return new DynamoDbTableReplicaHealthIndicator(replicas);
    }
}
