package io.metastore.observability;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Startup;

/** Started once the application is deployed; the database's state is readiness' concern, not startup's. */
@Startup
@ApplicationScoped
public class ApplicationStarted implements HealthCheck {

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.up("started");
    }
}
