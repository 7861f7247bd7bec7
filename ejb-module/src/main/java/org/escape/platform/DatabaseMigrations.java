package org.escape.platform;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the schema up to date with Flyway when the application starts, before any request is
 * served: the same migrations run on H2 and PostgreSQL, so both tiers share one schema history.
 *
 * <p>A failed migration fails the deployment on purpose: serving requests against a schema the
 * code does not expect would corrupt data.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionManagement(TransactionManagementType.BEAN)
public class DatabaseMigrations {

    private static final Logger LOG = Logger.getLogger(DatabaseMigrations.class.getName());

    @Resource(lookup = "jdbc/escape")
    private DataSource dataSource;

    private volatile String schemaVersion = "none";

    @PostConstruct
    void migrate() {
        long started = System.nanoTime();
        Flyway flyway = Flyway.configure(getClass().getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .failOnMissingLocations(true)
                .load();
        MigrateResult result = flyway.migrate();
        schemaVersion = String.valueOf(flyway.info().current().getVersion());
        LOG.info(() -> String.format("Database schema at version %s (%d migration(s) applied, %d ms, %s)",
                schemaVersion, result.migrationsExecuted, (System.nanoTime() - started) / 1_000_000,
                result.database));
    }

    /** The schema version reached at start-up, for health and diagnostics. */
    public String schemaVersion() {
        return schemaVersion;
    }

    /** True when a connection can be taken from the pool and answers a validity check. */
    public boolean databaseAnswers() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(2);
        } catch (SQLException e) {
            LOG.warning(() -> "Database check failed: " + e.getMessage());
            return false;
        }
    }
}
