package io.github.dynamodbstream.core.replica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dynamodbstream.core.replica.ReplicaFailedException.Reason;
import io.github.dynamodbstream.emulator.DynamoDbEmulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/** A replica needs new images: it refuses, at start, a table whose stream does not carry them. */
class ReplicaViewTypeTest {

    @RegisterExtension
    static final DynamoDbEmulatorExtension EMULATOR = DynamoDbEmulatorExtension.create();

    @ParameterizedTest
    @EnumSource(value = StreamViewType.class, names = {"KEYS_ONLY", "OLD_IMAGE"})
    void streamWithoutNewImagesFailsAtStartSayingHowToChangeTheViewType(StreamViewType viewType) {
        String table = "view-" + viewType.name().toLowerCase().replace('_', '-');
        ReplicaTables.create(EMULATOR.dynamoDbClient(), table, viewType);
        DynamoDbTableReplica<?> replica = DynamoDbTableReplica.builder()
                .dynamoDbClient(EMULATOR.dynamoDbClient()).streamsClient(EMULATOR.streamsClient())
                .tableName(table).build();

        assertThatThrownBy(replica::start)
                .isInstanceOfSatisfying(ReplicaFailedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.VIEW_TYPE);
                    assertThat(e.tableName()).isEqualTo(table);
                })
                .hasMessageContaining("'" + table + "'")
                .hasMessageContaining("view type " + viewType)
                .hasMessageContaining("NEW_AND_OLD_IMAGES")
                .hasMessageContaining("StreamEnabled=false");
        assertThat(replica.state()).isEqualTo(ReplicaState.FAILED);
    }

    @Test
    void attachedReplicaChecksTheViewTypeFromTheTableDescription() {
        ReplicaTables.create(EMULATOR.dynamoDbClient(), "view-attached", StreamViewType.KEYS_ONLY);
        DynamoDbTableReplica<?> replica = DynamoDbTableReplica.builder()
                .dynamoDbClient(EMULATOR.dynamoDbClient()).tableName("view-attached").build();

        assertThatThrownBy(replica::attach).isInstanceOf(ReplicaFailedException.class)
                .hasMessageContaining("view type KEYS_ONLY");
    }

    @ParameterizedTest
    @EnumSource(value = StreamViewType.class, names = {"NEW_IMAGE", "NEW_AND_OLD_IMAGES"})
    void streamWithNewImagesIsAccepted(StreamViewType viewType) {
        String table = "accepted-" + viewType.name().toLowerCase().replace('_', '-');
        ReplicaTables.create(EMULATOR.dynamoDbClient(), table, viewType);
        ReplicaTables.put(EMULATOR.dynamoDbClient(), table, "a", 1);
        try (DynamoDbTableReplica<?> replica = DynamoDbTableReplica.builder()
                .dynamoDbClient(EMULATOR.dynamoDbClient()).streamsClient(EMULATOR.streamsClient())
                .tableName(table).build()) {
            replica.start();

            assertThat(replica.awaitReady(java.time.Duration.ofSeconds(20))).isTrue();
            assertThat(replica.get("a")).isEqualTo(java.util.Map.of("id", "a", "v", new java.math.BigDecimal(1)));
        }
    }

    @Test
    void tableWithoutStreamFailsAtStartSayingHowToEnableOne() {
        ReplicaTables.create(EMULATOR.dynamoDbClient(), "no-stream", null);
        DynamoDbTableReplica<?> replica = DynamoDbTableReplica.builder()
                .dynamoDbClient(EMULATOR.dynamoDbClient()).streamsClient(EMULATOR.streamsClient())
                .tableName("no-stream").build();

        assertThatThrownBy(replica::start)
                .isInstanceOfSatisfying(ReplicaFailedException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NO_STREAM))
                .hasMessageContaining("'no-stream' has no stream")
                .hasMessageContaining("StreamEnabled=true,StreamViewType=NEW_AND_OLD_IMAGES");
    }

    @Test
    void unknownTableFailsAtStart() {
        DynamoDbTableReplica<?> replica = DynamoDbTableReplica.builder()
                .dynamoDbClient(EMULATOR.dynamoDbClient()).streamsClient(EMULATOR.streamsClient())
                .tableName("missing").build();

        assertThatThrownBy(replica::start)
                .isInstanceOfSatisfying(ReplicaFailedException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.TABLE_NOT_FOUND))
                .hasMessageContaining("'missing' does not exist");
    }

    @Test
    void standaloneReplicaNeedsAStreamsClient() {
        ReplicaTables.create(EMULATOR.dynamoDbClient(), "no-streams-client");
        DynamoDbTableReplica<?> replica = DynamoDbTableReplica.builder()
                .dynamoDbClient(EMULATOR.dynamoDbClient()).tableName("no-streams-client").build();

        assertThatThrownBy(replica::start).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("needs a streamsClient");
    }
}
