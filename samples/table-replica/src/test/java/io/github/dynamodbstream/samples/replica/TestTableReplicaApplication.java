package io.github.dynamodbstream.samples.replica;

import io.github.dynamodbstream.test.EmbeddedDynamoDbStreams;
import io.github.dynamodbstream.test.EmbeddedDynamoDbStreams.Table;
import io.github.dynamodbstream.test.EmbeddedEmulator;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * Runs the sample on the embedded emulator, with nothing else needed (no AWS account, no Docker):
 * {@code mvn -pl samples/table-replica -am spring-boot:test-run}. The emulator, the {@code orders} table and the
 * connection are the ones the tests get from the same annotation.
 */
@EmbeddedDynamoDbStreams(tables = @Table(name = "orders", partitionKey = "id"))
public class TestTableReplicaApplication {

    public static void main(String[] args) {
        new SpringApplicationBuilder(TableReplicaApplication.class)
                .initializers(EmbeddedEmulator.of(TestTableReplicaApplication.class))
                .run(args);
    }
}
