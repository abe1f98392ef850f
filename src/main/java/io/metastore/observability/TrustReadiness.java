package io.metastore.observability;

import io.metastore.platform.ServiceSwitch;
import io.metastore.security.TokenTrust;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when the token trust is sound (issuer, key and audience set; no development key outside development), so that
 * a Metastore that would refuse every caller is never routed to; always ready while Metastore is switched off.
 */
@Readiness
@ApplicationScoped
public class TrustReadiness implements HealthCheck {

    @Inject
    TokenTrust trust;

    @Inject
    ServiceSwitch serviceSwitch;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("token-trust");
        if (!serviceSwitch.enabled()) {
            return response.up().withData("metastore", "disabled").build();
        }
        if (!trust.problems().isEmpty()) {
            return response.down().withData("reason", String.join("; ", trust.problems())).build();
        }
        return response.up().build();
    }
}
