package io.github.dynamodbstream.spring.health;

import io.github.dynamodbstream.spring.container.DynamoDbStreamContainer;
import io.github.dynamodbstream.spring.poller.DynamoDbStreamPollerAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code dynamodbStream} health indicator, when Spring Boot's health support is on the
 * class path and {@code management.health.dynamodbstream.enabled} is not {@code false}.
 */
@AutoConfiguration(after = DynamoDbStreamPollerAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(DynamoDbStreamContainer.class)
@ConditionalOnEnabledHealthIndicator("dynamodbstream")
public final class DynamoDbStreamHealthAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "dynamodbStreamHealthIndicator")
    DynamoDbStreamHealthIndicator dynamodbStreamHealthIndicator(DynamoDbStreamContainer container) {
        return new DynamoDbStreamHealthIndicator(container);
    }
}
