package io.github.dynamodbstream.samples.replica;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Serves {@code GET /orders} and {@code GET /orders/{id}} from a replica of the {@code orders} table
 * ({@code dynamodb.stream.replica.enabled=true}), logs every change of an order, and changes orders in the
 * background. It connects as the {@code dynamodb.stream.*} properties say (LocalStack, AWS);
 * {@code TestTableReplicaApplication} in the test sources runs it on the embedded emulator.
 */
@SpringBootApplication
@EnableScheduling
public class TableReplicaApplication {

    public static void main(String[] args) {
        SpringApplication.run(TableReplicaApplication.class, args);
    }
}
