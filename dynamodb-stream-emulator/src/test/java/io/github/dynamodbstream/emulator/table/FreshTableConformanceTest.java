package io.github.dynamodbstream.emulator.table;

import io.github.dynamodbstream.emulator.DynamoDbEmulatorExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Conformance tests that each start from a new table without a stream, keyed by {@code pk} and {@code sk}
 * (see {@link TestTables#createTable}), on one emulator per test class.
 */
abstract class FreshTableConformanceTest {

    @RegisterExtension
    static final DynamoDbEmulatorExtension EMULATOR = DynamoDbEmulatorExtension.create();

    private final String tablePrefix;

    protected DynamoDbClient client;
    protected String table;

    protected FreshTableConformanceTest(String tablePrefix) {
        this.tablePrefix = tablePrefix;
    }

    @BeforeEach
    void createTable() {
        client = EMULATOR.dynamoDbClient();
        table = TestTables.createTable(client, tablePrefix, null);
    }
}
