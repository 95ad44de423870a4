package io.github.dynamodbstream.kcl.endpoint;

import io.github.dynamodbstream.kcl.DynamoDbStreamKclAutoConfiguration;
import io.github.dynamodbstream.kcl.KclStreamContainer;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code dynamodbstreams} endpoint under Kinesis Client Library coordination, when the
 * actuator is on the class path and the endpoint is available (enabled and exposed over HTTP or JMX).
 */
@AutoConfiguration(after = DynamoDbStreamKclAutoConfiguration.class)
@ConditionalOnClass({Endpoint.class, ConditionalOnAvailableEndpoint.class})
@ConditionalOnBean(KclStreamContainer.class)
public final class KclStreamsEndpointAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnAvailableEndpoint
    KclStreamsEndpoint dynamoDbStreamsKclEndpoint(KclStreamContainer container) {
        return new KclStreamsEndpoint(container);
    }
}
