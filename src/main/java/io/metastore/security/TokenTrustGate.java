package io.metastore.security;

import io.metastore.platform.Failure;
import io.metastore.platform.Problem;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import java.security.Principal;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Accepts a token Liberty verified only when {@link TokenTrust} is sound and the token's issuer and audience are
 * Metastore's. Liberty already checks both, but with the <mpJwt> of whichever authFilter matched the request, and its
 * authFilter reads a request header named like a condition ({@code request-url}) before the real URL: on a shared
 * server a caller could steer a request to another application's trust. This check cannot be steered.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION + 1)
public class TokenTrustGate implements ContainerRequestFilter {

    @Inject
    TokenTrust trust;

    @Inject
    Caller identified;

    @Override
    public void filter(ContainerRequestContext request) {
        Principal caller = request.getSecurityContext().getUserPrincipal();
        if (caller == null) {
            return; // a path that needs no token
        }
        if (!trust.problems().isEmpty()) {
            request.abortWith(Problem.of(503, "trust-not-configured", "Token trust is not configured",
                    "This server's Metastore accepts no token until its operator sets the token issuer, key and "
                            + "audience").toResponse());
        } else if (!(caller instanceof JsonWebToken token) || !trust.accepts(token)) {
            request.abortWith(Problem.of(Failure.untrustedToken()).toResponse());
        } else {
            identified.identify(token);
        }
    }
}
