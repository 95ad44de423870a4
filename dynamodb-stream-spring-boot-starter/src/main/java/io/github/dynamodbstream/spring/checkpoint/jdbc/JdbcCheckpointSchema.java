package io.github.dynamodbstream.spring.checkpoint.jdbc;

import io.github.dynamodbstream.core.DynamoDbStreamException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.DatabaseMetaData;
import java.util.Locale;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.DatabasePopulatorUtils;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.util.StreamUtils;

/** Creates the checkpoint table with the schema script of the database behind a DataSource. */
final class JdbcCheckpointSchema {

    private static final Logger log = LoggerFactory.getLogger(JdbcCheckpointSchema.class);
    private static final String TABLE_PLACEHOLDER = "${table}";

    private JdbcCheckpointSchema() {
    }

    static void create(DataSource dataSource, String tableName) {
        String database = scriptDatabase(productName(dataSource));
        String location = "schema-" + database + ".sql";
        String script;
        try {
            script = StreamUtils.copyToString(new ClassPathResource(location, JdbcCheckpointSchema.class)
                    .getInputStream(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the checkpoint schema script " + location, e);
        }
        ResourceDatabasePopulator populator = new ResourceDatabasePopulator(new ByteArrayResource(
                script.replace(TABLE_PLACEHOLDER, tableName).getBytes(StandardCharsets.UTF_8), location));
        DatabasePopulatorUtils.execute(populator, dataSource);
        log.info("Checkpoint table '{}' is there ({} script)", tableName, database);
    }

    private static String productName(DataSource dataSource) {
        try {
            return JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
        } catch (MetaDataAccessException e) {
            throw new DynamoDbStreamException("Cannot tell which database the DataSource is, to create the checkpoint "
                    + "table: " + e.getMessage(), e);
        }
    }

    /** The script for a database product name, as {@link DatabaseMetaData#getDatabaseProductName()} reports it. */
    static String scriptDatabase(String productName) {
        String name = productName == null ? "" : productName.toLowerCase(Locale.ROOT);
        if (name.contains("h2")) {
            return "h2";
        }
        if (name.contains("postgres")) {
            return "postgresql";
        }
        if (name.contains("mysql") || name.contains("mariadb")) {
            return "mysql";
        }
        throw new DynamoDbStreamException("There is no checkpoint schema script for the database '" + productName
                + "' (scripts exist for PostgreSQL, MySQL, MariaDB and H2). Create the table yourself, adapting "
                + "io/github/dynamodbstream/spring/checkpoint/jdbc/schema-postgresql.sql from the starter's jar, "
                + "and set dynamodb.stream.checkpoint.create-table=false.");
    }
}
