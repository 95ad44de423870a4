package io.github.dynamodbstream.spring.checkpoint.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dynamodbstream.core.DynamoDbStreamException;
import io.github.dynamodbstream.core.checkpoint.CheckpointConflictException;
import io.github.dynamodbstream.core.checkpoint.ShardCheckpoint;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the JDBC checkpoint store promises, run against each database it supports: each subclass gives a database,
 * and every test starts without the checkpoint table.
 */
abstract class JdbcShardStateRepositoryContract {

    private static final String ARN = "arn:aws:dynamodb:us-east-1:123456789012:table/orders/stream/2024-05-01T00:00:00.000";
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    private DataSource dataSource;

    /** The database to run against. */
    abstract DataSource database();

    @BeforeEach
    void withoutCheckpointTable() {
        dataSource = database();
        JdbcClient.create(dataSource).sql("DROP TABLE IF EXISTS dynamodb_stream_checkpoints").update();
    }

    private JdbcShardStateRepository repository() {
        return JdbcShardStateRepository.builder(dataSource).createTable(true).build();
    }

    private static ShardCheckpoint at(String sequenceNumber) {
        return new ShardCheckpoint("shard-1", sequenceNumber, false, NOW);
    }

    @Test
    void createTableRunsTheSchemaScriptAndIsRepeatable() {
        repository();
        repository();
        Integer tables = JdbcClient.create(dataSource).sql("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES "
                + "WHERE UPPER(TABLE_NAME) = 'DYNAMODB_STREAM_CHECKPOINTS'").query(Integer.class).single();
        assertThat(tables).isEqualTo(1);
    }

    @Test
    void savedCheckpointsLoadBackPerConsumerAndStream() {
        JdbcShardStateRepository repository = repository();
        repository.save("replica", ARN, at("100"));
        repository.save("replica", ARN, new ShardCheckpoint("shard-2", null, true, NOW));
        repository.save("other", ARN, at("5"));
        assertThat(repository.load("replica", ARN)).isEqualTo(Map.of(
                "shard-1", at("100"), "shard-2", new ShardCheckpoint("shard-2", null, true, NOW)));
        assertThat(repository.load("other", ARN)).containsOnlyKeys("shard-1");
        assertThat(repository.load("replica", ARN.replace("orders", "customers"))).isEmpty();
    }

    @Test
    void checkpointMovesForwardAndMayBeSavedAgain() {
        JdbcShardStateRepository repository = repository();
        repository.save("replica", ARN, at("100"));
        repository.save("replica", ARN, at("100"));
        repository.save("replica", ARN, at("12345678901234567890123"));
        assertThat(repository.load("replica", ARN).get("shard-1").sequenceNumber())
                .isEqualTo("12345678901234567890123");
    }

    @Test
    void checkpointNeverMovesBackwards() {
        JdbcShardStateRepository repository = repository();
        repository.save("replica", ARN, at("900"));
        // sequence numbers compare as numbers: "1000" lies after "900", though it sorts before it as a string
        repository.save("replica", ARN, at("1000"));
        assertThatThrownBy(() -> repository.save("replica", ARN, at("999")))
                .isInstanceOf(CheckpointConflictException.class)
                .hasMessageContaining("would move backwards from sequence number 1000")
                .hasMessageContaining("to sequence number 999");
        assertThat(repository.load("replica", ARN).get("shard-1").sequenceNumber()).isEqualTo("1000");
    }

    @Test
    void twoPollersWithOneConsumerNameAreDetected() {
        JdbcShardStateRepository first = repository();
        JdbcShardStateRepository second = repository();
        first.save("replica", ARN, at("100"));
        assertThatThrownBy(() -> second.save("replica", ARN, at("200")))
                .isInstanceOf(CheckpointConflictException.class)
                .hasMessageContaining("another poller (owner " + first.ownerId() + ")")
                .hasMessageContaining("dynamodb.stream.consumer-name");
        assertThatThrownBy(() -> second.remove("replica", ARN, "shard-1"))
                .isInstanceOf(CheckpointConflictException.class);
        assertThat(first.load("replica", ARN).get("shard-1").sequenceNumber()).isEqualTo("100");
    }

    @Test
    void readingTheCheckpointsClaimsNothing() {
        JdbcShardStateRepository first = repository();
        JdbcShardStateRepository second = repository();
        first.save("replica", ARN, at("100"));
        assertThat(second.load("replica", ARN)).containsEntry("shard-1", at("100"));
        assertThatThrownBy(() -> second.save("replica", ARN, at("200")))
                .as("a read, such as the endpoint's, does not let another poller take the shard over")
                .isInstanceOf(CheckpointConflictException.class);
        first.save("replica", ARN, at("300"));
        assertThat(first.load("replica", ARN).get("shard-1").sequenceNumber()).isEqualTo("300");
    }

    @Test
    void restartedPollerTakesOverTheCheckpointsOfThePreviousRun() {
        JdbcShardStateRepository previousRun = repository();
        previousRun.save("replica", ARN, at("100"));
        JdbcShardStateRepository nextRun = repository();
        assertThat(nextRun.takeOver("replica", ARN)).containsEntry("shard-1", at("100"));
        nextRun.save("replica", ARN, at("200"));
        assertThatThrownBy(() -> previousRun.save("replica", ARN, at("300")))
                .isInstanceOf(CheckpointConflictException.class);
        assertThat(nextRun.load("replica", ARN).get("shard-1").sequenceNumber()).isEqualTo("200");
    }

    @Test
    void removeForgetsTheShard() {
        JdbcShardStateRepository repository = repository();
        repository.save("replica", ARN, at("100"));
        repository.remove("replica", ARN, "shard-1");
        repository.remove("replica", ARN, "shard-1");
        assertThat(repository.load("replica", ARN)).isEmpty();
    }

    @Test
    void rowOfANewerSchemaIsRejected() {
        JdbcShardStateRepository repository = repository();
        repository.save("replica", ARN, at("100"));
        JdbcClient.create(dataSource).sql("UPDATE dynamodb_stream_checkpoints SET schema_version = 2").update();
        assertThatThrownBy(() -> repository.load("replica", ARN))
                .isInstanceOf(DynamoDbStreamException.class)
                .hasMessageContaining("schema version 2");
        assertThatThrownBy(() -> repository.save("replica", ARN, at("200")))
                .isInstanceOf(DynamoDbStreamException.class)
                .hasMessageContaining("schema version 2");
    }

    @Test
    void missingTableIsExplained() {
        JdbcShardStateRepository repository = JdbcShardStateRepository.builder(dataSource).build();
        assertThatThrownBy(() -> repository.load("replica", ARN))
                .isInstanceOf(DynamoDbStreamException.class)
                .hasMessageContaining("dynamodb_stream_checkpoints")
                .hasMessageContaining("create-table=true");
    }

    @Test
    void tableNameMustBeAPlainIdentifier() {
        assertThatThrownBy(() -> JdbcShardStateRepository.builder(dataSource).tableName("x; DROP TABLE y").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("letters, digits and underscores");
    }
}
