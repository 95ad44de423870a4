package io.github.dynamodbstream.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.LimitExceededException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

class FaultInjectionTest {

    @RegisterExtension
    static final DynamoDbEmulatorExtension EMULATOR = DynamoDbEmulatorExtension.create();

    private DynamoDbClient dynamoDb;
    private DynamoDbStreamsClient streams;

    private DynamoDbClient dynamoDbWithoutRetries() {
        dynamoDb = EMULATOR.dynamoDbClientBuilder()
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
        return dynamoDb;
    }

    private DynamoDbStreamsClient streamsWithoutRetries() {
        streams = EMULATOR.streamsClientBuilder()
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
        return streams;
    }

    @AfterEach
    void closeClients() {
        EMULATOR.emulator().clearFaults();
        EMULATOR.emulator().calls().reset();
        if (dynamoDb != null) {
            dynamoDb.close();
        }
        if (streams != null) {
            streams.close();
        }
    }

    @Test
    void throttlingOfATableOperationAnswersProvisionedThroughputExceededThenServesAgain() {
        DynamoDbClient client = dynamoDbWithoutRetries();
        EMULATOR.emulator().injectFault("ListTables", Fault.throttling(), 2);

        assertThatThrownBy(client::listTables).isInstanceOf(ProvisionedThroughputExceededException.class);
        assertThatThrownBy(client::listTables).isInstanceOf(ProvisionedThroughputExceededException.class);
        assertThat(client.listTables().tableNames()).isEmpty();

        ApiCalls calls = EMULATOR.emulator().calls();
        assertThat(calls.count("ListTables")).isEqualTo(3);
        assertThat(calls.count("ListTables", "ProvisionedThroughputExceededException")).isEqualTo(2);
        assertThat(calls.count("ListTables", ApiCalls.SUCCESS)).isEqualTo(1);
    }

    @Test
    void throttlingOfAStreamOperationAnswersLimitExceeded() {
        DynamoDbStreamsClient client = streamsWithoutRetries();
        EMULATOR.emulator().injectFault("ListStreams", Fault.throttling(), 1);

        assertThatThrownBy(client::listStreams).isInstanceOf(LimitExceededException.class);
        assertThat(client.listStreams().streams()).isEmpty();
    }

    @Test
    void internalErrorAnswersStatus500() {
        DynamoDbClient client = dynamoDbWithoutRetries();
        EMULATOR.emulator().injectFault("ListTables", Fault.internalError(), 1);

        assertThatThrownBy(client::listTables)
                .isInstanceOfSatisfying(DynamoDbException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(500);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InternalServerError");
                });
        assertThat(EMULATOR.emulator().calls().count("ListTables", "InternalServerError")).isEqualTo(1);
    }

    @Test
    void theSdkRetriesInjectedFaultsAndSucceeds() {
        EMULATOR.emulator().injectFault("ListTables", Fault.internalError(), 1);
        EMULATOR.emulator().injectFault("ListTables", Fault.throttling(), 1);

        assertThat(EMULATOR.dynamoDbClient().listTables().tableNames()).isEmpty();
        assertThat(EMULATOR.emulator().calls().count("ListTables")).isEqualTo(3);
    }

    @Test
    void delayServesTheCallAfterWaiting() {
        DynamoDbClient client = dynamoDbWithoutRetries();
        EMULATOR.emulator().injectFault("ListTables", Fault.delay(Duration.ofMillis(300)), 1);

        long started = System.nanoTime();
        assertThat(client.listTables().tableNames()).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(EMULATOR.emulator().calls().count("ListTables", ApiCalls.SUCCESS)).isEqualTo(1);
    }

    @Test
    void faultsApplyOnlyToTheirOperation() {
        DynamoDbClient client = dynamoDbWithoutRetries();
        EMULATOR.emulator().injectFault("PutItem", Fault.throttling(), 1);

        assertThat(client.listTables().tableNames()).isEmpty();
        assertThatThrownBy(() -> client.describeTable(b -> b.tableName("missing")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThat(EMULATOR.emulator().calls().operations()).containsExactlyInAnyOrder("ListTables", "DescribeTable");
    }

    @Test
    void injectingAFaultForAnUnknownOperationIsRejectedWithTheKnownNames() {
        assertThatThrownBy(() -> EMULATOR.emulator().injectFault("GetRecord", Fault.throttling(), 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no operation named 'GetRecord'")
                .hasMessageContaining("GetRecords");
    }
}
