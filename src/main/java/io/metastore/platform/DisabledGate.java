package io.metastore.platform;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;

/** While {@link ServiceSwitch} is off, every call answers a 503 problem that says so, instead of failing on the database. */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public class DisabledGate implements ContainerRequestFilter {

    @Inject
    ServiceSwitch serviceSwitch;

    @Override
    public void filter(ContainerRequestContext request) {
        if (!serviceSwitch.enabled()) {
            request.abortWith(Problem.of(Failure.disabled(
                    "This server runs Metastore with " + ServiceSwitch.PROPERTY + "=false; nothing is served or stored"))
                    .toResponse());
        }
    }
}
