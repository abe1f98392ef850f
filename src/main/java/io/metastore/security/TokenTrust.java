package io.metastore.security;

import io.metastore.platform.ServiceSwitch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The token trust this deployment was started with ({@link TrustSettings}), read once like the datasource settings.
 * When it is unsound, Metastore says so once in the log, keeps /health/ready DOWN and accepts no token
 * ({@link TokenTrustGate}); a switched-off Metastore serves nothing, so it neither checks nor complains.
 */
@ApplicationScoped
public class TokenTrust {

    private static final Logger LOG = Logger.getLogger(TokenTrust.class.getName());

    @Inject
    @ConfigProperty(name = TrustSettings.ISSUER)
    Optional<String> issuer;

    @Inject
    @ConfigProperty(name = TrustSettings.AUDIENCES)
    Optional<String> audiences;

    @Inject
    @ConfigProperty(name = TrustSettings.KEY_LOCATION)
    Optional<String> keyLocation;

    @Inject
    ServiceSwitch serviceSwitch;

    private TrustSettings settings;
    private List<String> problems;

    void reportOnStart(@Observes Startup started) {
        if (serviceSwitch.enabled() && !problems().isEmpty()) {
            LOG.severe(() -> "Metastore accepts no token and /health/ready stays DOWN: " + String.join("; ", problems())
                    + ". Set the variables and restart the application; see docs/operations.md.");
        }
    }

    /** What keeps Metastore from accepting tokens; empty when its trust is sound. */
    public synchronized List<String> problems() {
        if (problems == null) {
            List<String> audienceList = audiences.map(list -> List.of(list.split(","))).orElse(List.of());
            settings = new TrustSettings(issuer, audienceList, keyLocation,
                    keyLocation.map(DevelopmentKey::isAt).orElse(false));
            problems = settings.problems();
        }
        return problems;
    }

    /** Whether this verified token was issued for Metastore (Liberty's own check can be steered; see the gate). */
    public boolean accepts(JsonWebToken token) {
        return problems().isEmpty() && settings.accepts(token.getIssuer(), token.getAudience());
    }
}
