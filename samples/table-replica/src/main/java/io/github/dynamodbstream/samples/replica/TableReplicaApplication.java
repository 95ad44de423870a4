package io.github.dynamodbstream.samples.replica;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Serves {@code GET /orders} and {@code GET /orders/{id}} from a replica of the {@code orders} table
 * ({@code dynamodb.stream.replica.enabled=true}), logs every change of an order, and changes orders in the
 * background. Without {@code dynamodb.stream.endpoint} it starts an embedded emulator first
 * ({@link EmbeddedEmulatorEnvironmentPostProcessor}).
 */
@SpringBootApplication
@EnableScheduling
public class TableReplicaApplication {

    public static void main(String[] args) {
        SpringApplication.run(TableReplicaApplication.class, args);
    }
}
