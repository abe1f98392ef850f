package io.metastore.history.boundary;

import io.metastore.history.control.HistoryPage;
import io.metastore.history.control.HistoryService;
import io.metastore.platform.Failure;
import io.metastore.platform.Problem;
import io.metastore.platform.QueryNumbers;
import io.metastore.records.boundary.RecordRepresentation;
import io.metastore.records.control.RecordKey;
import io.metastore.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
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
 * {@code GET /history/{key}}: the versions a record has had, newest first, in pages, or with {@code version} the one
 * version. Order of checks as for records: the key's shape (400), the read grant on its namespace (403, whether or not
 * the key exists), the parameters (400), then what is stored (404).
 */
@Path("history")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "history", description = "History: every version of a record, soft deletes included, for the retention")
@SecurityRequirement(name = "jwt")
@APIResponse(responseCode = "400", ref = "BadRequest")
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "403", ref = "Forbidden")
@APIResponse(responseCode = "406", ref = "NotAcceptable")
@APIResponse(responseCode = "503", ref = "ServiceUnavailable")
public class HistoryResource {

    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 1000;

    private static final String PAGE_EXAMPLE = "{\"items\": [{\"key\": \"assets/asset-123\", \"namespace\": "
            + "\"assets\", \"metadata\": {\"size\": 1300}, \"tags\": [\"prod\"], \"owner\": \"team-data\", "
            + "\"version\": 2, \"createdAt\": \"2026-11-27T20:00:00.123456Z\", \"updatedAt\": "
            + "\"2026-11-27T20:05:00.654321Z\", \"createdBy\": \"alice\", \"updatedBy\": \"bob\", \"deletedAt\": null}, "
            + "{\"key\": \"assets/asset-123\", \"namespace\": \"assets\", \"metadata\": {\"size\": 1200}, \"tags\": "
            + "[\"prod\"], \"owner\": \"team-data\", \"version\": 1, \"createdAt\": \"2026-11-27T20:00:00.123456Z\", "
            + "\"updatedAt\": \"2026-11-27T20:00:00.123456Z\", \"createdBy\": \"alice\", \"updatedBy\": \"alice\", "
            + "\"deletedAt\": null}], \"nextCursor\": null}";

    @Inject
    HistoryService history;

    @Inject
    Caller caller;

    @GET
    @Path("{key: .+}")
    @Operation(operationId = "getHistory", summary = "A record's versions, newest first", description = "One record "
            + "representation per version, soft deletes included (deletedAt set); with version, the record as it was "
            + "at that version. Versions older than the retention are pruned, a key's newest never.")
    @Parameter(ref = "X-Request-Id")
    @APIResponse(responseCode = "200", description = "a page of versions (without version), or the record at that "
            + "version (with it)", headers = @Header(name = "X-Request-Id", ref = "X-Request-Id"),
            content = @Content(schema = @Schema(oneOf = {HistoryResponse.class, RecordRepresentation.class}),
                    examples = @ExampleObject(name = "page", value = PAGE_EXAMPLE)))
    @APIResponse(responseCode = "404", description = "the key never existed; with version, no such version (or it was "
            + "pruned)", headers = @Header(name = "X-Request-Id", ref = "X-Request-Id"),
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    public Response get(@PathParam("key") @Parameter(description = "the record's key <namespace>/<name>, written "
                                + "as-is", example = "assets/asset-123") String rawKey,
                        @QueryParam("limit") @Parameter(description = "versions per page, 1 to 1000",
                                schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "1000",
                                        defaultValue = "50")) String limit,
                        @QueryParam("cursor") @Parameter(description = "the nextCursor of the previous page")
                        String cursor,
                        @QueryParam("version") @Parameter(description = "answer only this version, as a record",
                                schema = @Schema(type = SchemaType.INTEGER, minimum = "1")) String version) {
        RecordKey key = RecordKey.parse("key", rawKey);
        caller.requireRead(key.namespace());
        if (version != null) {
            if (limit != null || cursor != null) {
                throw Failure.invalid("version", "version answers one version; it does not page (no limit or cursor)");
            }
            long wanted = QueryNumbers.parse("version", version, 1, Long.MAX_VALUE);
            return Response.ok(RecordRepresentation.of(history.version(key, wanted).orElseThrow(
                    () -> Failure.notFound("No version " + wanted + " in the history of key " + key)))).build();
        }
        int pageSize = limit == null ? DEFAULT_LIMIT : (int) QueryNumbers.parse("limit", limit, 1, MAX_LIMIT);
        HistoryPage page = history.page(key, pageSize, Optional.ofNullable(cursor));
        return Response.ok(new HistoryResponse(page.items().stream().map(RecordRepresentation::of).toList(),
                page.nextCursor())).build();
    }
}
