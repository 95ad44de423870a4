package io.github.dynamodbstream.spring.checkpoint.jdbc;

import javax.sql.DataSource;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.mariadb.MariaDBContainer;

/**
 * The JDBC checkpoint store on MariaDB in a container, where Docker runs (skipped otherwise; the same contract runs
 * on the embedded server in {@link MariaDbShardStateRepositoryTests} everywhere).
 */
@Testcontainers(disabledWithoutDocker = true)
class MariaDbContainerShardStateRepositoryTests extends JdbcShardStateRepositoryContract {

    @Container
    static final MariaDBContainer MARIADB = new MariaDBContainer("mariadb:11");

    @Override
    DataSource database() {
        return new SimpleDriverDataSource(new org.mariadb.jdbc.Driver(), MARIADB.getJdbcUrl(), MARIADB.getUsername(),
                MARIADB.getPassword());
    }
}
