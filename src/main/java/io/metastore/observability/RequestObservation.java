package io.metastore.observability;

import io.metastore.security.Caller;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.time.Duration;

/**
 * Measures and logs every request that reaches JAX-RS: the request half runs before matching and before any other
 * filter (so a body refused with 413 is still timed and carries its id), the response half runs for every answer,
 * errors from exception mappers included. Requests the container refuses before JAX-RS (a missing or invalid token:
 * 401) never reach it; {@link ContainerRefusals} observes those.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public class RequestObservation implements ContainerRequestFilter, ContainerResponseFilter {

    private static final String STARTED = RequestObservation.class.getName() + ".started";
    private static final String CALLER = RequestObservation.class.getName() + ".caller";
    private static final String NONE = "-";

    @Inject
    MetastoreMetrics metrics;

    @Inject
    Caller caller;

    @Inject
    AccessLog accessLog;

    @Context
    ResourceInfo matched;

    @Context
    HttpServletRequest servletRequest;

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(STARTED, System.nanoTime());
        // what the access line needs of the caller, kept with the request: a suspended call is answered on another
        // thread, where the request-scoped caller cannot be reached
        request.setProperty(CALLER, caller.trace());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object started = request.getProperty(STARTED);
        Duration elapsed = Duration.ofNanos(started instanceof Long t ? System.nanoTime() - t : 0);
        String requestId = RequestContext.requestId(servletRequest);
        response.getHeaders().putSingle(RequestId.HEADER, requestId);

        String route = RouteTemplate.of(matched);
        String method = MethodLabel.of(request.getMethod());
        metrics.request(route, method, response.getStatus(), elapsed);
        Caller.Trace who = (Caller.Trace) request.getProperty(CALLER);
        accessLog.write(requestId, new AccessLog.Entry(who.subject().orElse(NONE), namespace(route, who), route,
                method, response.getStatus(), elapsed.toNanos() / 1000 / 1000.0));
    }

    /**
     * Routes of one namespace only (a single record, a namespace's indexes): a search or bulk call may span
     * namespaces, so one name would mislead.
     */
    private static String namespace(String route, Caller.Trace who) {
        boolean oneNamespace = route.equals("/records") || route.equals("/records/{key}")
                || route.startsWith("/indexes/");
        return oneNamespace ? who.checkedNamespace().orElse(NONE) : NONE;
    }
}
