package io.github.dynamodbstream.spring.metrics;

import io.github.dynamodbstream.spring.container.DynamoDbStreamContainer;
import io.github.dynamodbstream.spring.poller.DynamoDbStreamPollerAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@link DynamoDbStreamMetrics}, when Micrometer is on the class path and the application
 * has a {@link MeterRegistry}.
 */
@AutoConfiguration(after = DynamoDbStreamPollerAutoConfiguration.class, afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"})
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({MeterRegistry.class, DynamoDbStreamContainer.class})
public final class DynamoDbStreamMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    DynamoDbStreamMetrics dynamoDbStreamMetrics(MeterRegistry registry, DynamoDbStreamContainer container) {
        return new DynamoDbStreamMetrics(registry, container);
    }
}
