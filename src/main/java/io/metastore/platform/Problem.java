package io.metastore.platform;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** The RFC 9457 body every error response carries. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, List<Violation> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final MediaType PROBLEM_JSON = MediaType.valueOf(MEDIA_TYPE);
    private static final String TYPE_PREFIX = "urn:metastore:problem:";

    public static Problem of(ProblemException e) {
        return new Problem(TYPE_PREFIX + e.type(), e.title(), e.status(), e.getMessage(), e.violations());
    }

    public static Problem of(int status, String type, String title, String detail) {
        return new Problem(TYPE_PREFIX + type, title, status, detail, List.of());
    }

    public Response toResponse() {
        return Response.status(status).type(PROBLEM_JSON).entity(this).build();
    }
}
