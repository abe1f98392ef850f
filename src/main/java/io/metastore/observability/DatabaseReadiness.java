package io.metastore.observability;

import io.metastore.platform.SchemaMigration;
import io.metastore.platform.ServiceSwitch;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when the schema is migrated and the database answers a query; always ready while Metastore is switched off
 * ({@code METASTORE_ENABLED=false}). The probe of the database runs on a managed thread and readiness waits for it at
 * most {@link #PATIENCE}, so an orchestrator's probe gets its answer within a second even while PostgreSQL hangs
 * (a stalled network or a frozen server can hold a connection far longer than any probe timeout). At most one probe
 * is in flight: callers arriving while it runs share it, so a hung database costs one thread, not one per probe.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    static final Duration PATIENCE = Duration.ofMillis(500);
    private static final int VALIDATION_TIMEOUT_SECONDS = 1;

    @Resource(lookup = "jdbc/metastore")
    DataSource dataSource;

    @Resource
    ManagedExecutorService executor;

    @Inject
    SchemaMigration migration;

    @Inject
    ServiceSwitch serviceSwitch;

    private Probe inFlight;

    private record Probe(Instant started, CompletableFuture<Boolean> answered) {
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("database");
        if (!serviceSwitch.enabled()) {
            // switched off on purpose: a shared server's readiness must not wait for a database Metastore never uses
            return response.up().withData("metastore", "disabled").build();
        }
        if (!migration.isMigrated()) {
            return response.down().withData("reason", "schema migration has not completed").build();
        }
        Probe probe = currentProbe();
        try {
            boolean answered = probe.answered().get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            return answered ? response.up().build()
                    : response.down().withData("reason", "database did not answer a query within "
                            + VALIDATION_TIMEOUT_SECONDS + " s").build();
        } catch (TimeoutException e) {
            long waitingMs = Duration.between(probe.started(), Instant.now()).toMillis();
            return response.down().withData("reason", "database has not answered for " + waitingMs + " ms").build();
        } catch (ExecutionException e) {
            return response.down().withData("reason", "database unreachable").build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return response.down().withData("reason", "interrupted").build();
        }
    }

    /** The probe still running, or a new one when the last has finished. */
    private synchronized Probe currentProbe() {
        if (inFlight == null || inFlight.answered().isDone()) {
            inFlight = new Probe(Instant.now(), CompletableFuture.supplyAsync(this::databaseAnswers, executor));
        }
        return inFlight;
    }

    private boolean databaseAnswers() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(VALIDATION_TIMEOUT_SECONDS);
        } catch (SQLException e) {
            throw new IllegalStateException("database unreachable", e);
        }
    }
}
