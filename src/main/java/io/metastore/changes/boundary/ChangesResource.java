package io.metastore.changes.boundary;

import io.metastore.changes.control.ChangeFeed;
import io.metastore.changes.control.ChangePage;
import io.metastore.changes.control.ChangeWaits;
import io.metastore.changes.control.FeedCursor;
import io.metastore.platform.Failure;
import io.metastore.platform.Problem;
import io.metastore.platform.QueryNumbers;
import io.metastore.records.control.RecordKey;
import io.metastore.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /changes}: the change feed. Without {@code since} it answers the cursor of now; with it, the changes
 * after it in the namespaces the caller may read (or those named), at once, or with {@code wait} as soon as one
 * commits. A waiting call is suspended: it holds neither a request thread nor a database connection
 * ({@link ChangeWaits}). Order of checks: the parameters (400), the grants on named namespaces (403), the cursor (400,
 * then 410 when older than the retention).
 */
@Path("changes")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "changes", description = "Change feed: every committed write once, in order, with long polling")
@SecurityRequirement(name = "jwt")
@APIResponse(responseCode = "400", ref = "BadRequest")
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "403", ref = "Forbidden")
@APIResponse(responseCode = "406", ref = "NotAcceptable")
public class ChangesResource {

    private static final int DEFAULT_LIMIT = 500;
    private static final int MAX_LIMIT = 1000;
    private static final int MAX_WAIT_SECONDS = 60;
    private static final String PAGE_EXAMPLE = "{\"items\": [{\"key\": \"assets/asset-123\", \"namespace\": "
            + "\"assets\", \"version\": 2, \"change\": \"updated\", \"updatedAt\": \"2026-11-27T20:05:00.654321Z\", "
            + "\"updatedBy\": \"alice\"}], \"cursor\": \"eyJ2IjoxLCJzIjoiNzU0Ojc1NDoiLCJ0IjoxNzk1ODAwMDAwMDAwMDAwfQ\"}";

    @Inject
    ChangeFeed feed;

    @Inject
    ChangeWaits waits;

    @Inject
    Caller caller;

    @GET
    @Operation(operationId = "getChanges", summary = "Follow every committed write", description = "Without since: "
            + "no items and the cursor of now; take it, list (search), then follow from it. With since: the changes "
            + "after it, each committed write exactly once, a key's writes in version order and a transaction's "
            + "together; with wait, the call holds until a change commits or the wait ends.")
    @Parameter(ref = "X-Request-Id")
    @APIResponse(responseCode = "200", description = "the changes after since (possibly none) and the cursor to "
            + "send next", headers = @Header(name = "X-Request-Id", ref = "X-Request-Id"),
            content = @Content(schema = @Schema(implementation = ChangesResponse.class),
                    examples = @ExampleObject(name = "page", value = PAGE_EXAMPLE)))
    @APIResponse(responseCode = "410", description = "the cursor is older than the history's retention: list again, "
            + "then follow a fresh cursor", headers = @Header(name = "X-Request-Id", ref = "X-Request-Id"),
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "503", description = "the database cannot be reached, or this instance already holds "
            + "metastore.changes.max-waiting waiting calls", headers = {
            @Header(name = "X-Request-Id", ref = "X-Request-Id"), @Header(name = "Retry-After", ref = "Retry-After")},
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    public void changes(@QueryParam("since") @Parameter(description = "the cursor of the previous answer") String since,
                        @QueryParam("limit") @Parameter(description = "changes per answer, 1 to 1000",
                                schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "1000",
                                        defaultValue = "500")) String limit,
                        @QueryParam("wait") @Parameter(description = "seconds to hold the call while no change "
                                + "follows since, 0 to 60", schema = @Schema(type = SchemaType.INTEGER,
                                minimum = "0", maximum = "60", defaultValue = "0")) String wait,
                        @QueryParam("namespace") @Parameter(description = "comma-separated namespaces to follow "
                                + "(each must be readable); default: every namespace the caller may read",
                                example = "assets,jobs") String namespace,
                        @Suspended AsyncResponse response) {
        int pageSize = limit == null ? DEFAULT_LIMIT : (int) QueryNumbers.parse("limit", limit, 1, MAX_LIMIT);
        Duration waitFor = Duration.ofSeconds(wait == null ? 0 : QueryNumbers.parse("wait", wait, 0, MAX_WAIT_SECONDS));
        Optional<Set<String>> namespaces = namespaces(namespace);
        if (since == null) {
            response.resume(Response.ok(new ChangesResponse(List.of(), feed.now().encode())).build());
            return;
        }
        waits.watch(FeedCursor.decode(since), pageSize, namespaces, waitFor, new ChangeWaits.Answer() {
            @Override
            public void changes(ChangePage page) {
                response.resume(Response.ok(ChangesResponse.of(page)).build());
            }

            @Override
            public void failed(RuntimeException failure) {
                response.resume(failure);
            }
        });
    }

    /** The namespaces to follow: those named (400 when malformed, 403 when not readable), else every readable one. */
    private Optional<Set<String>> namespaces(String named) {
        if (named == null) {
            return caller.readableNamespaces();
        }
        Set<String> namespaces = new LinkedHashSet<>();
        for (String namespace : named.split(",", -1)) {
            if (!RecordKey.isValidNamespace(namespace)) {
                throw Failure.invalid("namespace", "a comma-separated list of namespaces, each matching "
                        + "[a-z0-9]([a-z0-9._-]{0,61}[a-z0-9])?");
            }
            namespaces.add(namespace);
        }
        namespaces.forEach(caller::requireRead);
        return Optional.of(Set.copyOf(namespaces));
    }
}
