package io.metastore.platform;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;

/**
 * A request whose method HTTP does not define ({@code M1}, {@code FROBNICATE}, {@code get}) answers 501 Not Implemented
 * on every path, as RFC 9110 section 15.6.2 describes, rather than a 405 that would invite the client to retry with
 * another method of the same kind. A defined method that a route lacks still gets JAX-RS's 405 with {@code Allow}.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 50)
public class UndefinedMethodGate implements ContainerRequestFilter {

    private static final Problem NOT_IMPLEMENTED = Problem.of(501, "method-not-implemented", "Not Implemented",
            "This server implements the request methods of RFC 9110 and RFC 5789 only");

    @Override
    public void filter(ContainerRequestContext request) {
        if (!HttpMethods.isDefined(request.getMethod())) {
            request.abortWith(NOT_IMPLEMENTED.toResponse());
        }
    }
}
