package io.metastore.observability;

import io.metastore.platform.Failure;
import io.metastore.platform.Problem;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The body of the container's 401 (web.xml error page): the token is checked by Liberty before JAX-RS runs, so
 * this servlet, not an exception mapper, keeps that answer problem+json, and observes the refusal that
 * {@link RequestObservation} never sees. It never says which check failed. It lives with the observation rather than
 * in security so that security depends on nothing but the platform.
 */
@WebServlet("/problems/unauthorized")
public class UnauthorizedProblemServlet extends HttpServlet {

    private static final Problem UNAUTHORIZED = Problem.of(Failure.untrustedToken());

    @Inject
    ContainerRefusals refusals;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // JAX-RS never sees this request, so it is observed here: callers correlate every answer, 401s included
        response.setHeader(RequestId.HEADER, refusals.observe(request, HttpServletResponse.SC_UNAUTHORIZED));
        UNAUTHORIZED.writeTo(response);
    }
}
