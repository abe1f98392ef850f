package io.metastore.security;

import io.metastore.observability.ContainerRefusals;
import io.metastore.observability.RequestId;
import io.metastore.platform.Problem;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The body of the container's 401 (web.xml error page): the token is checked by Liberty before JAX-RS runs, so
 * this servlet, not an exception mapper, keeps that answer problem+json. It never says which check failed.
 */
@WebServlet("/problems/unauthorized")
public class UnauthorizedProblemServlet extends HttpServlet {

    static final Problem UNAUTHORIZED = Problem.of(401, "unauthorized", "Unauthorized",
            "A valid bearer token is required: an RS256 JWT from a trusted issuer, within its validity period");

    @Inject
    ContainerRefusals refusals;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // JAX-RS never sees this request, so it is observed here: callers correlate every answer, 401s included
        response.setHeader(RequestId.HEADER, refusals.observe(request, HttpServletResponse.SC_UNAUTHORIZED));
        UNAUTHORIZED.writeTo(response);
    }
}
