package io.github.dynamodbstream.spring.checkpoint.jdbc;

import io.github.dynamodbstream.core.DynamoDbStreamException;
import io.github.dynamodbstream.core.checkpoint.CheckpointConflictException;
import io.github.dynamodbstream.core.checkpoint.ShardCheckpoint;
import io.github.dynamodbstream.core.checkpoint.ShardStateRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Keeps checkpoints in a table of a relational database, so that a restarted application resumes where the previous
 * run stopped. One table holds the checkpoints of any number of streams and consumers.
 * <pre>{@code
 * ShardStateRepository repository = JdbcShardStateRepository.builder(dataSource)
 *     .tableName("dynamodb_stream_checkpoints")
 *     .createTable(true)
 *     .build();
 * }</pre>
 *
 * <h2>Table</h2>
 * One row per consumer, stream and shard (the primary key): {@code consumer_name}, {@code stream_arn},
 * {@code shard_id}, {@code sequence_number} (null when nothing was acknowledged), {@code finished},
 * {@code updated_at_millis} (epoch milliseconds), {@code owner_id} (the repository instance that wrote the row) and
 * {@code schema_version}. The script that creates it, {@code schema.sql} in this package, runs as it is on
 * PostgreSQL, MySQL, MariaDB and H2; {@link Builder#createTable(boolean)} runs it.
 *
 * <h2>Safety</h2>
 * The same rules as the core's repositories. A checkpoint never moves backwards. Each instance has its own
 * {@link #ownerId()}; a row may be changed only by its owner, or by an instance that took it over with {@link #takeOver}
 * so takes over from a previous run: two pollers that share a consumer name by mistake are detected, not silently
 * overwriting each other. Every change is a compare-and-set on the row read just before, so two writers never both
 * win. Conflicts throw {@link CheckpointConflictException} and leave the stored row as it was. A row written by a
 * newer version of this library is rejected with a {@link DynamoDbStreamException}, never misread.
 *
 * <p>Thread-safe. Each statement runs in its own transaction, or in the caller's when there is one.
 */
public final class JdbcShardStateRepository implements ShardStateRepository {

    /** The table name used when none is set. */
    public static final String DEFAULT_TABLE_NAME = "dynamodb_stream_checkpoints";

    /** The version of the row layout this class writes. */
    static final int SCHEMA_VERSION = 1;

    private static final Logger log = LoggerFactory.getLogger(JdbcShardStateRepository.class);
    private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");
    private static final int WRITE_ATTEMPTS = 3;

    private final JdbcClient jdbc;
    private final String tableName;
    private final String ownerId = UUID.randomUUID().toString();
    /** Owners of rows read by {@link #load} that this instance has not written yet: it may take them over. */
    private final Map<RowKey, String> ownersAtLoad = new ConcurrentHashMap<>();

    private JdbcShardStateRepository(Builder builder) {
        this.jdbc = JdbcClient.create(builder.dataSource);
        this.tableName = builder.tableName;
        if (builder.createTable) {
            JdbcCheckpointSchema.create(builder.dataSource, tableName);
        }
        log.info("Checkpoints are kept in table '{}' of the application's DataSource (owner id {})", tableName,
                ownerId);
    }

    /**
     * A builder.
     *
     * @param dataSource the database; the caller owns it
     */
    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    /** The name of the checkpoint table. */
    public String tableName() {
        return tableName;
    }

    /** The id this instance writes into {@code owner_id}; random per instance. */
    public String ownerId() {
        return ownerId;
    }

    /**
     * {@inheritDoc}
     *
     * @throws DynamoDbStreamException when a row was written by a newer version of this library, or the table
     *         cannot be read
     */
    @Override
    public Map<String, ShardCheckpoint> load(String consumerName, String streamArn) {
        Map<String, ShardCheckpoint> checkpoints = new HashMap<>();
        rows(consumerName, streamArn).forEach(row -> checkpoints.put(row.checkpoint().shardId(), row.checkpoint()));
        return Map.copyOf(checkpoints);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Rows written by an earlier run may be overwritten by this instance from now on; rows another instance
     * writes after this call may not.
     *
     * @throws DynamoDbStreamException when a row was written by a newer version of this library, or the table
     *         cannot be read
     */
    @Override
    public Map<String, ShardCheckpoint> takeOver(String consumerName, String streamArn) {
        List<Row> rows = rows(consumerName, streamArn);
        Map<String, ShardCheckpoint> checkpoints = new HashMap<>();
        ownersAtLoad.keySet().removeIf(key -> key.consumerName().equals(consumerName)
                && key.streamArn().equals(streamArn));
        for (Row row : rows) {
            checkpoints.put(row.checkpoint().shardId(), row.checkpoint());
            if (!row.ownerId().equals(ownerId)) {
                ownersAtLoad.put(new RowKey(consumerName, streamArn, row.checkpoint().shardId()), row.ownerId());
            }
        }
        log.info("Took over {} checkpoints of consumer '{}' on stream {} from table '{}'", checkpoints.size(),
                consumerName, streamArn, tableName);
        return Map.copyOf(checkpoints);
    }

    private List<Row> rows(String consumerName, String streamArn) {
        Objects.requireNonNull(consumerName, "consumerName");
        Objects.requireNonNull(streamArn, "streamArn");
        List<Row> rows = query("SELECT * FROM " + tableName + " WHERE consumer_name = ? AND stream_arn = ?",
                consumerName, streamArn);
        rows.forEach(this::checkSchema);
        return rows;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Saving the stored checkpoint again is allowed.
     *
     * @throws CheckpointConflictException when the checkpoint would move backwards, or another repository instance
     *         wrote it after this one loaded it: two pollers share the consumer name
     */
    @Override
    public void save(String consumerName, String streamArn, ShardCheckpoint checkpoint) {
        Objects.requireNonNull(checkpoint, "checkpoint");
        RowKey key = new RowKey(consumerName, streamArn, checkpoint.shardId());
        for (int attempt = 1; attempt <= WRITE_ATTEMPTS; attempt++) {
            Row stored = find(key);
            if (stored == null) {
                if (insert(key, checkpoint)) {
                    ownersAtLoad.remove(key);
                    return;
                }
                continue;
            }
            checkSchema(stored);
            if (!allows(key, stored.ownerId())) {
                throw otherOwner(key, stored, "save " + checkpoint.describePosition());
            }
            if (stored.checkpoint().isAfter(checkpoint)) {
                throw new CheckpointConflictException("Checkpoint of consumer '" + consumerName + "' on stream "
                        + streamArn + ", shard " + checkpoint.shardId() + " would move backwards from "
                        + stored.checkpoint().describePosition() + " (saved at " + stored.checkpoint().updatedAt() + ") to "
                        + checkpoint.describePosition() + ". A checkpoint only moves forwards; the stored one in table '"
                        + tableName + "' was left as it was.");
            }
            if (update(key, stored, checkpoint)) {
                ownersAtLoad.remove(key);
                return;
            }
        }
        throw changingRow(key);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Removing a checkpoint that is not there is allowed.
     *
     * @throws CheckpointConflictException when another repository instance wrote the checkpoint after this one
     *         loaded it: two pollers share the consumer name
     */
    @Override
    public void remove(String consumerName, String streamArn, String shardId) {
        Objects.requireNonNull(shardId, "shardId");
        RowKey key = new RowKey(consumerName, streamArn, shardId);
        for (int attempt = 1; attempt <= WRITE_ATTEMPTS; attempt++) {
            Row stored = find(key);
            if (stored == null) {
                ownersAtLoad.remove(key);
                return;
            }
            if (!allows(key, stored.ownerId())) {
                throw otherOwner(key, stored, "remove it");
            }
            int deleted = execute("DELETE FROM " + tableName + " WHERE consumer_name = ? AND stream_arn = ? "
                    + "AND shard_id = ? AND owner_id = ?", key.consumerName(), key.streamArn(), key.shardId(),
                    stored.ownerId());
            if (deleted == 1) {
                ownersAtLoad.remove(key);
                return;
            }
        }
        throw changingRow(key);
    }

    private boolean allows(RowKey key, String owner) {
        return ownerId.equals(owner) || owner.equals(ownersAtLoad.get(key));
    }

    private Row find(RowKey key) {
        List<Row> rows = query("SELECT * FROM " + tableName + " WHERE consumer_name = ? AND stream_arn = ? "
                + "AND shard_id = ?", key.consumerName(), key.streamArn(), key.shardId());
        return rows.isEmpty() ? null : rows.get(0);
    }

    private boolean insert(RowKey key, ShardCheckpoint checkpoint) {
        try {
            log.debug("INSERT {} {} {} shard {} at {}", tableName, key.consumerName(), key.streamArn(),
                    key.shardId(), checkpoint);
            execute("INSERT INTO " + tableName + " (consumer_name, stream_arn, shard_id, sequence_number, finished, "
                    + "updated_at_millis, owner_id, schema_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    key.consumerName(), key.streamArn(), key.shardId(), checkpoint.sequenceNumber(),
                    checkpoint.finished(), checkpoint.updatedAt().toEpochMilli(), ownerId, SCHEMA_VERSION);
            return true;
        } catch (DuplicateKeyException e) {
            log.debug("Row of {} shard {} was inserted meanwhile; reading it again", key.streamArn(), key.shardId());
            return false;
        }
    }

    /** Compare-and-set: changes the row only when it is still the one read. */
    private boolean update(RowKey key, Row stored, ShardCheckpoint checkpoint) {
        String storedSequence = stored.checkpoint().sequenceNumber();
        String sql = "UPDATE " + tableName + " SET sequence_number = ?, finished = ?, updated_at_millis = ?, "
                + "owner_id = ?, schema_version = ? WHERE consumer_name = ? AND stream_arn = ? AND shard_id = ? "
                + "AND owner_id = ? AND finished = ? AND updated_at_millis = ? AND "
                + (storedSequence == null ? "sequence_number IS NULL" : "sequence_number = ?");
        List<Object> parameters = new ArrayList<>();
        parameters.add(checkpoint.sequenceNumber());
        parameters.addAll(List.of(checkpoint.finished(), checkpoint.updatedAt().toEpochMilli(), ownerId,
                SCHEMA_VERSION, key.consumerName(), key.streamArn(), key.shardId(), stored.ownerId(),
                stored.checkpoint().finished(), stored.updatedAtMillis()));
        if (storedSequence != null) {
            parameters.add(storedSequence);
        }
        log.debug("UPDATE {} {} {} shard {} to {}", tableName, key.consumerName(), key.streamArn(), key.shardId(),
                checkpoint);
        return execute(sql, parameters.toArray()) == 1;
    }

    private List<Row> query(String sql, Object... parameters) {
        try {
            return jdbc.sql(sql).params(parameters).query(JdbcShardStateRepository::row).list();
        } catch (DataAccessException e) {
            throw failure(e);
        }
    }

    private int execute(String sql, Object... parameters) {
        try {
            return jdbc.sql(sql).params(parameters).update();
        } catch (DuplicateKeyException e) {
            throw e;
        } catch (DataAccessException e) {
            throw failure(e);
        }
    }

    private DynamoDbStreamException failure(DataAccessException e) {
        return new DynamoDbStreamException("Cannot read or write the checkpoint table '" + tableName + "': "
                + e.getMostSpecificCause().getMessage() + ". Check that the table exists (set "
                + "dynamodb.stream.checkpoint.create-table=true, or run the schema script of your database from "
                + "io/github/dynamodbstream/spring/checkpoint/jdbc/) and that the database user may read and "
                + "write it.", e);
    }

    private static Row row(ResultSet rs, int rowNumber) throws SQLException {
        long updatedAtMillis = rs.getLong("updated_at_millis");
        ShardCheckpoint checkpoint = new ShardCheckpoint(rs.getString("shard_id"), rs.getString("sequence_number"),
                rs.getBoolean("finished"), Instant.ofEpochMilli(updatedAtMillis));
        return new Row(checkpoint, updatedAtMillis, rs.getString("owner_id"), rs.getInt("schema_version"),
                rs.getString("consumer_name"), rs.getString("stream_arn"));
    }

    private void checkSchema(Row row) {
        if (row.schemaVersion() > SCHEMA_VERSION) {
            throw new DynamoDbStreamException("The checkpoint of consumer '" + row.consumerName() + "' on stream "
                    + row.streamArn() + ", shard " + row.checkpoint().shardId() + " in table '" + tableName
                    + "' has schema version " + row.schemaVersion() + ", written by a newer version of this "
                    + "library, which reads version " + SCHEMA_VERSION + " only. Upgrade this application, or use "
                    + "another consumer name or table.");
        }
    }

    private CheckpointConflictException otherOwner(RowKey key, Row stored, String what) {
        return new CheckpointConflictException("Cannot " + what + " for consumer '" + key.consumerName()
                + "' on stream " + key.streamArn() + ", shard " + key.shardId() + ": another poller (owner "
                + stored.ownerId() + ") saved " + stored.checkpoint().describePosition() + " at "
                + stored.checkpoint().updatedAt() + " since this one (owner " + ownerId + ") loaded the "
                + "checkpoints. Two pollers share this consumer name: give each application its own "
                + "dynamodb.stream.consumer-name, or run one instance.");
    }

    private CheckpointConflictException changingRow(RowKey key) {
        return new CheckpointConflictException("The checkpoint of consumer '" + key.consumerName() + "' on stream "
                + key.streamArn() + ", shard " + key.shardId() + " in table '" + tableName + "' kept changing "
                + "while this poller wrote it, " + WRITE_ATTEMPTS + " times: another poller writes it. Give each "
                + "application its own dynamodb.stream.consumer-name.");
    }

    private record RowKey(String consumerName, String streamArn, String shardId) {

        RowKey {
            Objects.requireNonNull(consumerName, "consumerName");
            Objects.requireNonNull(streamArn, "streamArn");
        }
    }

    private record Row(ShardCheckpoint checkpoint, long updatedAtMillis, String ownerId, int schemaVersion,
            String consumerName, String streamArn) {
    }

    /** Builds a {@link JdbcShardStateRepository}. */
    public static final class Builder {

        private final DataSource dataSource;
        private String tableName = DEFAULT_TABLE_NAME;
        private boolean createTable;

        private Builder(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        /**
         * The checkpoint table's name, optionally qualified by a schema; default {@value #DEFAULT_TABLE_NAME}.
         * Letters, digits and underscores.
         */
        public Builder tableName(String tableName) {
            this.tableName = tableName;
            return this;
        }

        /**
         * Whether {@link #build()} creates the table when it does not exist, with the schema script of the
         * database (PostgreSQL, MySQL, MariaDB or H2); default {@code false}.
         */
        public Builder createTable(boolean createTable) {
            this.createTable = createTable;
            return this;
        }

        /**
         * Builds the repository, and creates the table when asked.
         *
         * @throws IllegalArgumentException when the table name is not a plain SQL identifier
         * @throws DynamoDbStreamException when the table is to be created in a database without a script
         */
        public JdbcShardStateRepository build() {
            if (tableName == null || !TABLE_NAME.matcher(tableName).matches()) {
                throw new IllegalArgumentException("Invalid checkpoint table name '" + tableName + "': use letters, "
                        + "digits and underscores, starting with a letter or underscore, optionally as schema.table");
            }
            return new JdbcShardStateRepository(this);
        }
    }
}
