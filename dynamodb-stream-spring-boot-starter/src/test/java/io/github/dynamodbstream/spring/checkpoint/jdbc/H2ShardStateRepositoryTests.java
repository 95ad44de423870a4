package io.github.dynamodbstream.spring.checkpoint.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dynamodbstream.core.DynamoDbStreamException;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/** The JDBC checkpoint store on H2, in memory; and which databases the schema script is for. */
class H2ShardStateRepositoryTests extends JdbcShardStateRepositoryContract {

    @Override
    DataSource database() {
        return new SimpleDriverDataSource(new org.h2.Driver(),
                "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    }

    @Test
    void theSchemaScriptRunsOnTheDatabasesItNamesAndOthersAreToldToCreateTheTable() {
        assertThat(JdbcCheckpointSchema.supportedDatabase("PostgreSQL")).isEqualTo("PostgreSQL");
        assertThat(JdbcCheckpointSchema.supportedDatabase("MySQL")).isEqualTo("MySQL");
        assertThat(JdbcCheckpointSchema.supportedDatabase("MariaDB")).isEqualTo("MariaDB");
        assertThat(JdbcCheckpointSchema.supportedDatabase("H2")).isEqualTo("H2");
        assertThatThrownBy(() -> JdbcCheckpointSchema.supportedDatabase("Oracle"))
                .isInstanceOf(DynamoDbStreamException.class).hasMessageContaining("Create the table yourself")
                .hasMessageContaining("checkpoint/jdbc/schema.sql");
        assertThat(getClass().getResource("schema.sql")).isNotNull();
    }
}
