package io.metastore.observability;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Live while the application answers. A database outage makes the service unready, never dead, so an orchestrator
 * does not restart it while PostgreSQL is away; the heap figures help tell a leak from a slow database.
 */
@Liveness
@ApplicationScoped
public class ApplicationLiveness implements HealthCheck {

    @Override
    public HealthCheckResponse call() {
        Runtime runtime = Runtime.getRuntime();
        return HealthCheckResponse.named("application").up()
                .withData("heapUsedBytes", runtime.totalMemory() - runtime.freeMemory())
                .withData("heapMaxBytes", runtime.maxMemory())
                .build();
    }
}
