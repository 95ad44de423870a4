package io.github.dynamodbstream.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

class DynamoDbEmulatorExtensionTest {

    @RegisterExtension
    static final DynamoDbEmulatorExtension EMULATOR =
            DynamoDbEmulatorExtension.of(DynamoDbEmulator.builder().region("eu-central-1"));

    @Test
    void resolvesTheEmulatorAndClientsAsParameters(
            DynamoDbEmulator emulator, DynamoDbClient dynamoDb, DynamoDbStreamsClient streams) {
        assertThat(emulator).isSameAs(EMULATOR.emulator());
        assertThat(emulator.region()).isEqualTo("eu-central-1");
        assertThat(dynamoDb).isSameAs(EMULATOR.dynamoDbClient());
        assertThat(streams).isSameAs(EMULATOR.streamsClient());
        assertThat(dynamoDb.listTables().tableNames()).isEmpty();
        assertThat(streams.listStreams().streams()).isEmpty();
        assertThat(emulator.calls().count("ListStreams")).isEqualTo(1);
    }

    @Test
    void listsEveryOperationItServes() {
        assertThat(EMULATOR.emulator().operations()).contains(
                "CreateTable", "DescribeTable", "UpdateTable", "DeleteTable", "ListTables", "PutItem", "GetItem",
                "UpdateItem", "DeleteItem", "BatchWriteItem", "BatchGetItem", "Query", "Scan", "UpdateTimeToLive",
                "ListStreams", "DescribeStream", "GetShardIterator", "GetRecords");
    }
}
