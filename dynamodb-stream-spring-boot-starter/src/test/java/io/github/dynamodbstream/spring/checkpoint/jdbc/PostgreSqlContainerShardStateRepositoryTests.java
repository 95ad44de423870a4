package io.github.dynamodbstream.spring.checkpoint.jdbc;

import javax.sql.DataSource;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The JDBC checkpoint store on PostgreSQL in a container, where Docker runs (skipped otherwise; the same contract
 * runs on the embedded server in {@link PostgreSqlShardStateRepositoryTests} everywhere).
 */
@Testcontainers(disabledWithoutDocker = true)
class PostgreSqlContainerShardStateRepositoryTests extends JdbcShardStateRepositoryContract {

    @Container
    static final PostgreSQLContainer POSTGRES = new PostgreSQLContainer("postgres:16-alpine");

    @Override
    DataSource database() {
        return new SimpleDriverDataSource(new org.postgresql.Driver(), POSTGRES.getJdbcUrl(), POSTGRES.getUsername(),
                POSTGRES.getPassword());
    }
}
