package io.metastore.records.boundary;

import com.fasterxml.jackson.databind.JsonNode;
import io.metastore.platform.Failure;
import io.metastore.platform.Problem;
import io.metastore.records.control.MergePatch;
import io.metastore.records.control.Precondition;
import io.metastore.records.control.RecordContent;
import io.metastore.records.control.RecordKey;
import io.metastore.records.control.RecordService;
import io.metastore.records.control.RecordSnapshot;
import io.metastore.records.control.RecordWrite;
import io.metastore.records.control.WriteResult;
import io.metastore.security.Caller;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The single-record calls under {@code /records}. The key is written as-is in the path ({@code /records/assets/a/b} is
 * key {@code assets/a/b}). {@code POST /records/search} and {@code POST /records/bulk} are routed here and served
 * by their components through {@link CollectionCall}, so that keys in namespaces "search" and "bulk" still reach this
 * class (docs/architecture.md says why). Order of
 * checks: the key's shape (400), the caller's grant on its namespace (403, whether or not the record exists), then the
 * body (400) and the record's state (404, 409, 412).
 */
@Path("records")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "records")
@SecurityRequirement(name = "jwt")
@APIResponse(responseCode = "400", description = "invalid key or body", content = @Content(
        mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "401", description = "missing or invalid token")
@APIResponse(responseCode = "403", description = "the namespace is not granted", content = @Content(
        mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "503", description = "database unavailable", content = @Content(
        mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class RecordsResource {

    private static final String KEY_PATH = "{key: .+}";
    private static final String SEARCH = "search";
    private static final String BULK = "bulk";

    @Inject
    RecordService records;

    @Inject
    Caller caller;

    @Context
    UriInfo uriInfo;

    @Inject
    Instance<CollectionCall> collectionCalls;

    /** The collection calls by segment, looked up once: finding them per request instantiated every one of them. */
    private Map<String, CollectionCall> collections;

    @PostConstruct
    void findCollectionCalls() {
        collections = collectionCalls.stream().collect(Collectors.toUnmodifiableMap(CollectionCall::segment,
                Function.identity()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a record", description = "Idempotent on key: the same content again answers 200 "
            + "unchanged, other content 409; a soft-deleted key is revived (201).")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = RecordBodies.Create.class)))
    @APIResponse(responseCode = "201", description = "created or revived",
            content = @Content(schema = @Schema(implementation = RecordRepresentation.class)))
    @APIResponse(responseCode = "200", description = "identical replay, unchanged",
            content = @Content(schema = @Schema(implementation = RecordRepresentation.class)))
    @APIResponse(responseCode = "409", description = "the key exists with other content")
    public Response create(JsonNode body) {
        RecordKey key = RecordBodies.createKey(body);
        caller.requireWrite(key.namespace());
        RecordContent content = RecordBodies.content(body);
        return written(records.write(RecordWrite.create(key, content), caller.principal()));
    }

    @POST
    @Path(SEARCH)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Search records", description = "Filters, projection, multi-field sort and keyset paging, "
            + "answered from PostgreSQL's indexes; only namespaces the caller may read are searched.")
    @RequestBody(required = true, content = @Content(schema = @Schema(ref = "SearchRequest")))
    @APIResponse(responseCode = "200", description = "one page of results",
            content = @Content(schema = @Schema(ref = "SearchResponse")))
    @APIResponse(responseCode = "503", description = "database unavailable, or the search exceeded its time limit")
    public Response search(JsonNode body) {
        return collection(SEARCH).post(body);
    }

    @POST
    @Path(BULK)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Apply up to 1,000 writes", description = "Atomic (default): one transaction, nothing "
            + "applied when any operation fails; the failing operations carry their status and error, the others 424. "
            + "Not atomic: each operation stands alone. Operations on the same key apply in request order.")
    @RequestBody(required = true, content = @Content(schema = @Schema(ref = "BulkRequest")))
    @APIResponse(responseCode = "200", description = "per-operation results in request order",
            content = @Content(schema = @Schema(ref = "BulkResponse")))
    @APIResponse(responseCode = "413", description = "more than 1,000 operations")
    public Response bulk(JsonNode body) {
        return collection(BULK).post(body);
    }

    @PUT
    @Path(KEY_PATH)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create or replace a record", description = "Replaces metadata, tags and owner as a whole. "
            + "Expected version from If-Match (412 on mismatch) or the body's version (409 on mismatch).")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = RecordBodies.Replace.class)))
    @APIResponse(responseCode = "200", description = "replaced",
            content = @Content(schema = @Schema(implementation = RecordRepresentation.class)))
    @APIResponse(responseCode = "201", description = "created or revived",
            content = @Content(schema = @Schema(implementation = RecordRepresentation.class)))
    @APIResponse(responseCode = "409", description = "body version does not match")
    @APIResponse(responseCode = "412", description = "If-Match does not match")
    public Response put(@PathParam("key") @Parameter(description = "<namespace>/<name>") String rawKey,
                        @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                        @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch, JsonNode body) {
        RecordKey key = RecordKey.parse("key", rawKey);
        caller.requireWrite(key.namespace());
        RecordBodies.requireReplacement(body, key);
        Long expected = RecordBodies.expectedVersion(body.get("version"));
        Precondition precondition = conditions(Precondition.expecting(expected), ifMatch, ifNoneMatch);
        RecordContent content = RecordBodies.content(body);
        return written(records.write(RecordWrite.upsert(key, content, precondition), caller.principal()));
    }

    @PATCH
    @Path(KEY_PATH)
    @Consumes("application/merge-patch+json")
    @Operation(summary = "Merge-patch a record (RFC 7386)")
    @RequestBody(required = true, content = @Content(mediaType = "application/merge-patch+json",
            schema = @Schema(implementation = RecordBodies.Patch.class)))
    @APIResponse(responseCode = "200", description = "patched",
            content = @Content(schema = @Schema(implementation = RecordRepresentation.class)))
    @APIResponse(responseCode = "404", description = "absent or soft-deleted")
    @APIResponse(responseCode = "412", description = "If-Match does not match")
    @APIResponse(responseCode = "415", description = "not application/merge-patch+json")
    public Response patch(@PathParam("key") String rawKey, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                          @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch, JsonNode body) {
        RecordKey key = RecordKey.parse("key", rawKey);
        caller.requireWrite(key.namespace());
        MergePatch patch = MergePatch.of(body);
        Precondition precondition = conditions(Precondition.NONE, ifMatch, ifNoneMatch);
        return written(records.write(RecordWrite.patch(key, patch, precondition), caller.principal()));
    }

    @GET
    @Path(KEY_PATH)
    @Operation(summary = "Read a record")
    @APIResponse(responseCode = "200", description = "the record",
            content = @Content(schema = @Schema(implementation = RecordRepresentation.class)))
    @APIResponse(responseCode = "304", description = "If-None-Match names the current version")
    @APIResponse(responseCode = "404", description = "absent or soft-deleted")
    public Response get(@PathParam("key") String rawKey, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        RecordKey key = RecordKey.parse("key", rawKey);
        caller.requireRead(key.namespace());
        RecordSnapshot record = records.findLive(key)
                .orElseThrow(() -> Failure.notFound("No record with key " + key));
        if (EntityTags.ifNoneMatch(ifNoneMatch).includes(record.version())) {
            return withEtag(Response.notModified(), record).build();
        }
        return withEtag(Response.ok(RecordRepresentation.of(record)), record).build();
    }

    @DELETE
    @Path(KEY_PATH)
    @Operation(summary = "Soft-delete a record", description = "Sets deletedAt and bumps the version.")
    @APIResponse(responseCode = "204", description = "deleted")
    @APIResponse(responseCode = "404", description = "absent or already deleted")
    @APIResponse(responseCode = "412", description = "If-Match does not match")
    public Response delete(@PathParam("key") String rawKey, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                           @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        RecordKey key = RecordKey.parse("key", rawKey);
        caller.requireWrite(key.namespace());
        Precondition precondition = conditions(Precondition.NONE, ifMatch, ifNoneMatch);
        return written(records.write(RecordWrite.delete(key, precondition), caller.principal()));
    }

    /** RFC 9110 conditions on a write: If-Match compares strongly, If-None-Match weakly; both must hold. */
    private static Precondition conditions(Precondition precondition, String ifMatch, String ifNoneMatch) {
        return precondition.withConditions(EntityTags.ifMatch(ifMatch), EntityTags.ifNoneMatch(ifNoneMatch));
    }

    private Response written(WriteResult result) {
        RecordSnapshot record = result.record();
        int status = RecordAnswers.status(result.outcome());
        Response.ResponseBuilder response = Response.status(status);
        if (status == 201) {
            response.location(RecordAnswers.location(uriInfo.getBaseUri(), record.key()));
        }
        if (status != 204) {
            response.entity(RecordRepresentation.of(record));
        }
        return withEtag(response, record).build();
    }

    private CollectionCall collection(String segment) {
        CollectionCall call = collections.get(segment);
        if (call == null) {
            throw new IllegalStateException("no component serves /records/" + segment);
        }
        return call;
    }

    private static Response.ResponseBuilder withEtag(Response.ResponseBuilder response, RecordSnapshot record) {
        return response.header(HttpHeaders.ETAG, EntityTags.of(record.version()));
    }
}
