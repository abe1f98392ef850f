package io.metastore.platform;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The RFC 9457 body every error response carries, and the one place where a domain {@link Failure} becomes an HTTP
 * status, a problem type and a title.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@Schema(name = "Problem", description = "RFC 9457 problem details", requiredProperties = {"type", "title", "status"})
public record Problem(
        @Schema(format = "uri", examples = "urn:metastore:problem:not-found") String type,
        @Schema(examples = "Not found") String title,
        @Schema(minimum = "400", maximum = "599", examples = "404") int status,
        @Schema(description = "what went wrong, without record content", examples = "No record with key assets/a1")
        String detail,
        @Schema(description = "validation problems only: each offending JSON path and why") List<Violation> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_PREFIX = "urn:metastore:problem:";
    /**
     * What a 503 tells a client to wait before trying again (RFC 9110 section 10.2.3): the database outage, statement
     * timeout or switched-off service it reports is not over in less, and the startup migration retries this often.
     */
    static final int RETRY_AFTER_SECONDS = 5;
    /** Liberty's mark on an error page's answer. */
    private static final String CONTAINER_ERROR_PAGE_HEADER = "$WSEP";

    public static Problem of(Failure failure) {
        String detail = failure.getMessage();
        return switch (failure.kind()) {
            case INVALID -> new Problem(TYPE_PREFIX + "validation", "Invalid request", 400, detail,
                    failure.violations());
            case MALFORMED -> of(400, "bad-request", "Bad request", detail);
            case UNAUTHENTICATED -> of(401, "unauthorized", "Unauthorized", detail);
            case FORBIDDEN -> of(403, "forbidden", "Forbidden", detail);
            case NOT_FOUND -> of(404, "not-found", "Not found", detail);
            case CONFLICT, VERSION_CONFLICT -> of(409, "conflict", "Conflict", detail);
            case CONDITION_FAILED -> of(412, "precondition-failed", "Precondition failed", detail);
            case TOO_LARGE -> of(413, "payload-too-large", "Payload too large", detail);
            case DATABASE_UNREACHABLE -> of(503, "database-unavailable", "Database unavailable", detail);
            case STATEMENT_TIMEOUT -> of(503, "statement-timeout", "Query timed out", detail);
            case DISABLED -> of(503, "disabled", "Metastore is disabled", detail);
            case EXPIRED -> of(410, "gone", "Gone", detail);
            case BUSY -> of(503, "busy", "Too many waiting calls", detail);
        };
    }

    public static Problem of(int status, String type, String title, String detail) {
        return new Problem(TYPE_PREFIX + type, title, status, detail, List.of());
    }

    public Response toResponse() {
        Response.ResponseBuilder response = Response.status(status).type(MEDIA_TYPE).entity(this);
        if (status == 503) {
            response.header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        }
        return response.build();
    }

    /**
     * For answers the servlet container produces before JAX-RS runs (web.xml error pages). Liberty marks an error
     * page's answer with an empty private header of its own, which only tells a caller what server runs here (OWASP
     * lists it among the headers to remove); it is taken off.
     */
    public void writeTo(HttpServletResponse response) throws IOException {
        response.setHeader(CONTAINER_ERROR_PAGE_HEADER, null);
        response.setStatus(status);
        response.setContentType(MEDIA_TYPE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(Json.write(this));
    }
}
