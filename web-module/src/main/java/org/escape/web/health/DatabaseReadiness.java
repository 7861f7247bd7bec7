package org.escape.web.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.escape.platform.DatabaseMigrations;

/** Ready when the database answers and the schema migrations have run. */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    @Inject
    private DatabaseMigrations migrations;

    @Override
    public HealthCheckResponse call() {
        boolean answers = migrations.databaseAnswers();
        return HealthCheckResponse.named("escape-database")
                .status(answers)
                .withData("schemaVersion", migrations.schemaVersion())
                .build();
    }
}
