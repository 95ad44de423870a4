package io.github.dynamodbstream.benchmarks.starter;

import io.github.dynamodbstream.benchmarks.support.Deliveries;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * A minimal Spring Boot application (no web) with the starter and one no-op listener for
 * {@code ItemInsertedEvent<OrderItem>}. The {@link Deliveries} the listener reports to is registered by whoever runs
 * it.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class StarterBenchmarkApplication {

    @Bean
    OrderInsertListener orderInsertListener(Deliveries deliveries) {
        return new OrderInsertListener(deliveries);
    }
}
