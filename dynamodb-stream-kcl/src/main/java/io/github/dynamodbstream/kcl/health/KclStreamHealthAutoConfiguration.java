package io.github.dynamodbstream.kcl.health;

import io.github.dynamodbstream.kcl.DynamoDbStreamKclAutoConfiguration;
import io.github.dynamodbstream.kcl.KclStreamContainer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code dynamodbStream} health indicator under Kinesis Client Library coordination, when
 * Spring Boot's health support is on the class path and {@code management.health.dynamodbstream.enabled} is not
 * {@code false}. A bean of the application named {@code dynamodbStreamHealthIndicator} replaces it.
 */
@AutoConfiguration(after = DynamoDbStreamKclAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(KclStreamContainer.class)
@ConditionalOnEnabledHealthIndicator("dynamodbstream")
public final class KclStreamHealthAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "dynamodbStreamHealthIndicator")
    KclStreamHealthIndicator dynamodbStreamHealthIndicator(KclStreamContainer container) {
        return new KclStreamHealthIndicator(container);
    }
}
