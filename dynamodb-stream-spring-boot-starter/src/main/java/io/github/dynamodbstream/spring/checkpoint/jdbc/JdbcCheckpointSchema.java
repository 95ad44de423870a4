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

/**
 * Creates the checkpoint table with the starter's schema script, {@code schema.sql}: standard SQL that PostgreSQL,
 * MySQL, MariaDB and H2 each run as it is. Other databases are refused, naming the script to adapt.
 */
final class JdbcCheckpointSchema {

    private static final Logger log = LoggerFactory.getLogger(JdbcCheckpointSchema.class);
    private static final String TABLE_PLACEHOLDER = "${table}";
    private static final String SCRIPT = "schema.sql";

    private JdbcCheckpointSchema() {
    }

    static void create(DataSource dataSource, String tableName) {
        String database = supportedDatabase(productName(dataSource));
        String script;
        try {
            script = StreamUtils.copyToString(new ClassPathResource(SCRIPT, JdbcCheckpointSchema.class)
                    .getInputStream(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the checkpoint schema script " + SCRIPT, e);
        }
        ResourceDatabasePopulator populator = new ResourceDatabasePopulator(new ByteArrayResource(
                script.replace(TABLE_PLACEHOLDER, tableName).getBytes(StandardCharsets.UTF_8), SCRIPT));
        DatabasePopulatorUtils.execute(populator, dataSource);
        log.info("Checkpoint table '{}' is there ({})", tableName, database);
    }

    private static String productName(DataSource dataSource) {
        try {
            return JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
        } catch (MetaDataAccessException e) {
            throw new DynamoDbStreamException("Cannot tell which database the DataSource is, to create the checkpoint "
                    + "table: " + e.getMessage(), e);
        }
    }

    /**
     * The database the script is known to run on, from its product name as
     * {@link DatabaseMetaData#getDatabaseProductName()} reports it.
     *
     * @throws DynamoDbStreamException for any other database
     */
    static String supportedDatabase(String productName) {
        String name = productName == null ? "" : productName.toLowerCase(Locale.ROOT);
        if (name.contains("h2")) {
            return "H2";
        }
        if (name.contains("postgres")) {
            return "PostgreSQL";
        }
        if (name.contains("mysql")) {
            return "MySQL";
        }
        if (name.contains("mariadb")) {
            return "MariaDB";
        }
        throw new DynamoDbStreamException("The checkpoint schema script runs on PostgreSQL, MySQL, MariaDB and H2, not"
                + " on '" + productName + "'. Create the table yourself, adapting"
                + " io/github/dynamodbstream/spring/checkpoint/jdbc/" + SCRIPT + " from the starter's jar, and set"
                + " dynamodb.stream.checkpoint.create-table=false.");
    }
}
