package io.github.dynamodbstream.spring.checkpoint.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dynamodbstream.core.DynamoDbStreamException;
import io.github.dynamodbstream.core.checkpoint.CheckpointConflictException;
import io.github.dynamodbstream.core.checkpoint.ShardStateRepository;
import io.github.dynamodbstream.test.checkpoint.ShardStateRepositoryContract;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the JDBC checkpoint store promises, run against each database it supports: the contract of every store, and
 * what only this one does (its table, owners, schema versions). Each subclass gives a database, and every test starts
 * without the checkpoint table.
 */
abstract class JdbcShardStateRepositoryContract extends ShardStateRepositoryContract {

    private DataSource dataSource;
    private JdbcShardStateRepository contractRepository;

    /** The database to run against. */
    abstract DataSource database();

    @BeforeEach
    void withoutCheckpointTable() {
        dataSource = database();
        JdbcClient.create(dataSource).sql("DROP TABLE IF EXISTS dynamodb_stream_checkpoints").update();
    }

    /** One instance per test, built (and its table created) when the test first asks for it. */
    @Override
    protected synchronized ShardStateRepository repository() {
        if (contractRepository == null) {
            contractRepository = newRepository();
        }
        return contractRepository;
    }

    private JdbcShardStateRepository newRepository() {
        return JdbcShardStateRepository.builder(dataSource).createTable(true).build();
    }

    @Test
    void createTableRunsTheSchemaScriptAndIsRepeatable() {
        newRepository();
        newRepository();
        Integer tables = JdbcClient.create(dataSource).sql("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES "
                + "WHERE UPPER(TABLE_NAME) = 'DYNAMODB_STREAM_CHECKPOINTS'").query(Integer.class).single();
        assertThat(tables).isEqualTo(1);
    }

    @Test
    void twoPollersWithOneConsumerNameAreDetected() {
        JdbcShardStateRepository first = newRepository();
        JdbcShardStateRepository second = newRepository();
        first.save(consumer, stream, checkpoint("shard-1", "100"));
        assertThatThrownBy(() -> second.save(consumer, stream, checkpoint("shard-1", "200")))
                .isInstanceOf(CheckpointConflictException.class)
                .hasMessageContaining("another poller (owner " + first.ownerId() + ")")
                .hasMessageContaining("dynamodb.stream.consumer-name");
        assertThatThrownBy(() -> second.remove(consumer, stream, "shard-1"))
                .isInstanceOf(CheckpointConflictException.class);
        assertThat(first.load(consumer, stream).get("shard-1").sequenceNumber()).isEqualTo("100");
    }

    @Test
    void readingTheCheckpointsClaimsNothing() {
        JdbcShardStateRepository first = newRepository();
        JdbcShardStateRepository second = newRepository();
        first.save(consumer, stream, checkpoint("shard-1", "100"));
        assertThat(second.load(consumer, stream)).containsEntry("shard-1", checkpoint("shard-1", "100"));
        assertThatThrownBy(() -> second.save(consumer, stream, checkpoint("shard-1", "200")))
                .as("a read, such as the endpoint's, does not let another poller take the shard over")
                .isInstanceOf(CheckpointConflictException.class);
        first.save(consumer, stream, checkpoint("shard-1", "300"));
        assertThat(first.load(consumer, stream).get("shard-1").sequenceNumber()).isEqualTo("300");
    }

    @Test
    void restartedPollerTakesOverTheCheckpointsOfThePreviousRun() {
        JdbcShardStateRepository previousRun = newRepository();
        previousRun.save(consumer, stream, checkpoint("shard-1", "100"));
        JdbcShardStateRepository nextRun = newRepository();
        assertThat(nextRun.takeOver(consumer, stream)).containsEntry("shard-1", checkpoint("shard-1", "100"));
        nextRun.save(consumer, stream, checkpoint("shard-1", "200"));
        assertThatThrownBy(() -> previousRun.save(consumer, stream, checkpoint("shard-1", "300")))
                .isInstanceOf(CheckpointConflictException.class);
        assertThat(nextRun.load(consumer, stream).get("shard-1").sequenceNumber()).isEqualTo("200");
    }

    @Test
    void rowOfANewerSchemaIsRejected() {
        JdbcShardStateRepository repository = newRepository();
        repository.save(consumer, stream, checkpoint("shard-1", "100"));
        JdbcClient.create(dataSource).sql("UPDATE dynamodb_stream_checkpoints SET schema_version = 2").update();
        assertThatThrownBy(() -> repository.load(consumer, stream))
                .isInstanceOf(DynamoDbStreamException.class)
                .hasMessageContaining("schema version 2");
        assertThatThrownBy(() -> repository.save(consumer, stream, checkpoint("shard-1", "200")))
                .isInstanceOf(DynamoDbStreamException.class)
                .hasMessageContaining("schema version 2");
    }

    @Test
    void missingTableIsExplained() {
        JdbcShardStateRepository repository = JdbcShardStateRepository.builder(dataSource).build();
        assertThatThrownBy(() -> repository.load(consumer, stream))
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
