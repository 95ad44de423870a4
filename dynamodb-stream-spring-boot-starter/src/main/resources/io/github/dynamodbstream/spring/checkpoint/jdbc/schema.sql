-- Checkpoints of the dynamodb-stream Spring Boot starter, for PostgreSQL, MySQL, MariaDB and H2 alike. ${table} is
-- replaced by dynamodb.stream.checkpoint.table-name (hyphens as underscores). Sequence numbers are strings of up to 40 digits.
CREATE TABLE IF NOT EXISTS ${table} (
    consumer_name VARCHAR(200) NOT NULL,
    stream_arn VARCHAR(400) NOT NULL,
    shard_id VARCHAR(100) NOT NULL,
    sequence_number VARCHAR(64),
    finished BOOLEAN NOT NULL,
    updated_at_millis BIGINT NOT NULL,
    owner_id VARCHAR(64) NOT NULL,
    schema_version INTEGER NOT NULL,
    PRIMARY KEY (consumer_name, stream_arn, shard_id)
);
