package io.metastore.platform;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every failure leaves the service as application/problem+json. Known failures keep their status; anything
 * unexpected is logged here with an incident id and answered with that id only, never a stack trace.
 */
public final class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class.getName());

    private ProblemMappers() {
    }

    @Provider
    public static class ForWebApplicationExceptions implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            Response original = e.getResponse();
            int status = original.getStatus();
            Response.StatusType info = original.getStatusInfo();
            String detail = switch (status) {
                case 404 -> "No resource at this path";
                case 405 -> "This method is not allowed on this resource";
                case 406 -> "This resource answers application/json only";
                case 415 -> "Unsupported content type for this call";
                default -> info.getReasonPhrase();
            };
            // keep the original headers (Allow on a 405, for instance), replace the body
            return Response.fromResponse(original)
                    .entity(Problem.of(status, slug(info.getReasonPhrase()), info.getReasonPhrase(), detail))
                    .type(Problem.MEDIA_TYPE)
                    .build();
        }

        private static String slug(String phrase) {
            return phrase == null ? "error" : phrase.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        }
    }

    @Provider
    public static class ForEverythingElse implements ExceptionMapper<Throwable> {
        @Override
        public Response toResponse(Throwable failure) {
            return DatabaseFailures.classify(failure)
                    .map(known -> Problem.of(known).toResponse())
                    .orElseGet(() -> unexpected(failure));
        }

        private static Response unexpected(Throwable failure) {
            String incident = UUID.randomUUID().toString();
            LOG.log(Level.SEVERE, "Unexpected failure, incident " + incident, failure);
            return Problem.of(500, "internal", "Internal error",
                    "An unexpected error occurred; quote incident " + incident + " when reporting it").toResponse();
        }
    }
}
