package io.metastore.observability;

import io.metastore.platform.SchemaMigration;
import io.metastore.platform.ServiceSwitch;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when the schema is migrated and the database answers a query within a second; always ready while Metastore is
 * switched off ({@code METASTORE_ENABLED=false}).
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    private static final int VALIDATION_TIMEOUT_SECONDS = 1;

    @Resource(lookup = "jdbc/metastore")
    DataSource dataSource;

    @Inject
    SchemaMigration migration;

    @Inject
    ServiceSwitch serviceSwitch;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("database");
        if (!serviceSwitch.enabled()) {
            // switched off on purpose: a shared server's readiness must not wait for a database Metastore never uses
            return response.up().withData("metastore", "disabled").build();
        }
        if (!migration.isMigrated()) {
            return response.down().withData("reason", "schema migration has not completed").build();
        }
        try (Connection connection = dataSource.getConnection()) {
            boolean valid = connection.isValid(VALIDATION_TIMEOUT_SECONDS);
            return response.status(valid).build();
        } catch (SQLException e) {
            return response.down().withData("reason", "database unreachable").build();
        }
    }
}
