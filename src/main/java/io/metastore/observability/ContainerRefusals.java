package io.metastore.observability;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Observes the requests Liberty refuses before JAX-RS runs (a missing or invalid token: 401), which
 * {@link RequestObservation} never sees: they still get their request id, a count on {@code /metrics} (route
 * {@code unmatched}: nothing was routed) and an access line, so that a client with a broken token shows up in both.
 */
@ApplicationScoped
public class ContainerRefusals {

    private static final String NONE = "-";

    @Inject
    MetastoreMetrics metrics;

    @Inject
    AccessLog accessLog;

    /** Counts and logs the refusal; returns the request id to echo. */
    public String observe(HttpServletRequest request, int status) {
        String requestId = RequestId.accept(request.getHeader(RequestId.HEADER));
        String method = MethodLabel.of(request.getMethod());
        metrics.refused(method, status);
        accessLog.write(requestId, new AccessLog.Entry(NONE, NONE, RouteTemplate.UNMATCHED, method, status, null));
        return requestId;
    }
}
