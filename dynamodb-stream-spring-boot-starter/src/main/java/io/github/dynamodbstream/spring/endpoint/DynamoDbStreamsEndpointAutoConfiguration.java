package io.github.dynamodbstream.spring.endpoint;

import io.github.dynamodbstream.spring.container.DynamoDbStreamContainer;
import io.github.dynamodbstream.spring.poller.DynamoDbStreamPollerAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code dynamodbstreams} endpoint, when the actuator is on the class path and the
 * endpoint is available (enabled and exposed over HTTP or JMX).
 */
@AutoConfiguration(after = DynamoDbStreamPollerAutoConfiguration.class)
@ConditionalOnClass({Endpoint.class, ConditionalOnAvailableEndpoint.class})
@ConditionalOnBean(DynamoDbStreamContainer.class)
public final class DynamoDbStreamsEndpointAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnAvailableEndpoint
    DynamoDbStreamsEndpoint dynamoDbStreamsEndpoint(DynamoDbStreamContainer container) {
        return new DynamoDbStreamsEndpoint(container);
    }
}
