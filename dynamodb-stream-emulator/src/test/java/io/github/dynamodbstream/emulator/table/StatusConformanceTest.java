package io.github.dynamodbstream.emulator.table;

import static io.github.dynamodbstream.emulator.table.TestTables.item;
import static io.github.dynamodbstream.emulator.table.TestTables.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dynamodbstream.emulator.DynamoDbEmulator;
import io.github.dynamodbstream.emulator.DynamoDbEmulatorExtension;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.StreamStatus;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Table and stream statuses on the emulator's clock, which moves here only when the test moves it: CREATING and
 * UPDATING before ACTIVE (API_TableDescription, TableStatus), ENABLING and DISABLING before ENABLED and DISABLED
 * (API_streams_StreamDescription, StreamStatus).
 */
class StatusConformanceTest {

    private static final Duration DELAY = Duration.ofSeconds(30);

    @RegisterExtension
    static final DynamoDbEmulatorExtension EMULATOR = DynamoDbEmulatorExtension.of(DynamoDbEmulator.builder()
            .clock(Clock.fixed(Instant.parse("2026-11-24T18:00:00Z"), ZoneOffset.UTC))
            .statusDelay(DELAY));

    @Test
    @DisplayName("API_CreateTable: CREATING until the delay passed, then ACTIVE; items of a CREATING table are not found")
    void createdTableIsCreatingThenActive() {
        DynamoDbClient client = EMULATOR.dynamoDbClient();
        String name = TestTables.uniqueName("creating");

        TableStatus answered = client.createTable(TestTables.definition(name).build()).tableDescription()
                .tableStatus();

        assertThat(answered).isEqualTo(TableStatus.CREATING);
        assertThat(status(client, name)).isEqualTo(TableStatus.CREATING);
        assertThatThrownBy(() -> client.putItem(request -> request.tableName(name).item(item("a", 1, "x"))))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> client.updateTable(request -> request.tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)))
                .isInstanceOf(ResourceInUseException.class);
        assertThatThrownBy(() -> client.deleteTable(request -> request.tableName(name)))
                .isInstanceOf(ResourceInUseException.class);

        EMULATOR.emulator().advanceClock(DELAY.minusMillis(1));
        assertThat(status(client, name)).isEqualTo(TableStatus.CREATING);
        EMULATOR.emulator().advanceClock(Duration.ofMillis(1));
        assertThat(status(client, name)).isEqualTo(TableStatus.ACTIVE);
        client.putItem(request -> request.tableName(name).item(item("a", 1, "x")));
        assertThat(client.getItem(request -> request.tableName(name).key(key("a", 1))).item()).isNotEmpty();
    }

    @Test
    @DisplayName("API_UpdateTable + API_streams_DescribeStream: UPDATING and ENABLING, then ACTIVE and ENABLED;"
            + " turned off, DISABLING, then DISABLED")
    void streamTurnedOnIsEnablingThenEnabled() {
        DynamoDbClient client = EMULATOR.dynamoDbClient();
        DynamoDbStreamsClient streams = EMULATOR.streamsClient();
        String name = TestTables.uniqueName("updating");
        client.createTable(TestTables.definition(name).build());
        EMULATOR.emulator().advanceClock(DELAY);

        TableStatus answered = client.updateTable(request -> request.tableName(name).streamSpecification(spec -> spec
                .streamEnabled(true).streamViewType(StreamViewType.KEYS_ONLY))).tableDescription().tableStatus();
        String streamArn = client.describeTable(request -> request.tableName(name)).table().latestStreamArn();

        assertThat(answered).isEqualTo(TableStatus.UPDATING);
        assertThat(streamStatus(streams, streamArn)).isEqualTo(StreamStatus.ENABLING);
        client.putItem(request -> request.tableName(name).item(item("a", 1, "x")));
        assertThatThrownBy(() -> client.updateTable(request -> request.tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)))
                .isInstanceOf(ResourceInUseException.class);

        EMULATOR.emulator().advanceClock(DELAY);
        assertThat(status(client, name)).isEqualTo(TableStatus.ACTIVE);
        assertThat(streamStatus(streams, streamArn)).isEqualTo(StreamStatus.ENABLED);

        client.updateTable(request -> request.tableName(name).streamSpecification(spec -> spec.streamEnabled(false)));
        assertThat(streamStatus(streams, streamArn)).isEqualTo(StreamStatus.DISABLING);
        EMULATOR.emulator().advanceClock(DELAY);
        assertThat(streamStatus(streams, streamArn)).isEqualTo(StreamStatus.DISABLED);
    }

    @Test
    @DisplayName("a status delay of zero settles at once: CreateTable answers ACTIVE, the stream is ENABLED")
    void zeroDelaySettlesAtOnce() {
        try (DynamoDbEmulator immediate = DynamoDbEmulator.builder().statusDelay(Duration.ZERO).start();
                DynamoDbClient client = DynamoDbClient.builder().endpointOverride(immediate.endpoint())
                        .region(Region.US_EAST_1)
                        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                        .build()) {
            TableStatus answered = client.createTable(TestTables.definition("immediate")
                    .streamSpecification(spec -> spec.streamEnabled(true).streamViewType(StreamViewType.KEYS_ONLY))
                    .build())
                    .tableDescription().tableStatus();

            assertThat(answered).isEqualTo(TableStatus.ACTIVE);
            client.putItem(request -> request.tableName("immediate").item(item("a", 1, "x")));
        }
    }

    private static TableStatus status(DynamoDbClient client, String name) {
        return client.describeTable(request -> request.tableName(name)).table().tableStatus();
    }

    private static StreamStatus streamStatus(DynamoDbStreamsClient streams, String streamArn) {
        return streams.describeStream(request -> request.streamArn(streamArn)).streamDescription().streamStatus();
    }
}
