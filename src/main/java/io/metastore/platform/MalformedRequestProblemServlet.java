package io.metastore.platform;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The body of the container's own 400 (web.xml error page). Liberty refuses some requests before JAX-RS sees them, such
 * as a Content-Type header that is no media type, and would answer with an HTML or ad-hoc JSON page; clients get
 * problem+json like every other error instead. A path with a percent-encoded control character never reaches this
 * page: Liberty's web container refuses it (CWWWC0005I) before it dispatches the request to any application, so no
 * error page, filter or listener of ours runs for it.
 */
@WebServlet("/problems/malformed-request")
public class MalformedRequestProblemServlet extends HttpServlet {

    private static final Problem MALFORMED = Problem.of(400, "malformed-request", "Bad request",
            "The request cannot be read: its headers are malformed (for instance a Content-Type that is no media "
                    + "type)");

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        MALFORMED.writeTo(response);
    }
}
