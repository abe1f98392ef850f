package io.metastore.platform;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.List;

/** The RFC 9457 body every error response carries. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, List<Violation> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final MediaType PROBLEM_JSON = MediaType.valueOf(MEDIA_TYPE);
    private static final String TYPE_PREFIX = "urn:metastore:problem:";
    /**
     * What a 503 tells a client to wait before trying again (RFC 9110 section 10.2.3): the database outage, statement
     * timeout or switched-off service it reports is not over in less, and the startup migration retries this often.
     */
    static final int RETRY_AFTER_SECONDS = 5;

    public static Problem of(ProblemException e) {
        return new Problem(TYPE_PREFIX + e.type(), e.title(), e.status(), e.getMessage(), e.violations());
    }

    public static Problem of(int status, String type, String title, String detail) {
        return new Problem(TYPE_PREFIX + type, title, status, detail, List.of());
    }

    public Response toResponse() {
        Response.ResponseBuilder response = Response.status(status).type(PROBLEM_JSON).entity(this);
        if (status == 503) {
            response.header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        }
        return response.build();
    }

    /** For answers the servlet container produces before JAX-RS runs (web.xml error pages). */
    public void writeTo(HttpServletResponse response) throws IOException {
        response.setStatus(status);
        response.setContentType(MEDIA_TYPE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(Json.write(this));
    }
}
