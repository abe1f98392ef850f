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
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
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
@Tag(name = "records", description = "Records: create, read, replace, merge-patch and soft-delete one record by key; "
        + "search; bulk writes")
@SecurityRequirement(name = "jwt")
@APIResponse(responseCode = "400", ref = "BadRequest")
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "403", ref = "Forbidden")
@APIResponse(responseCode = "503", ref = "ServiceUnavailable")
public class RecordsResource {

    private static final String KEY_PATH = "{key: .+}";
    private static final String SEARCH = "search";
    private static final String BULK = "bulk";
    private static final String MERGE_PATCH = "application/merge-patch+json";

    // The OpenAPI document's key and examples: the README walkthrough's record
    private static final String KEY_DESCRIPTION = "the record's key <namespace>/<name>, written as-is (its / need not "
            + "be encoded; %2F is accepted too)";
    private static final String CREATE_EXAMPLE = "{\"key\": \"assets/asset-123\", \"metadata\": {\"size\": 1200, "
            + "\"owner\": {\"team\": \"data\"}}, \"tags\": [\"prod\"], \"owner\": \"team-data\"}";
    private static final String REPLACE_EXAMPLE = "{\"metadata\": {\"size\": 1300, \"owner\": {\"team\": \"data\"}}, "
            + "\"tags\": [\"prod\", \"pii\"], \"owner\": \"team-data\"}";
    private static final String PATCH_EXAMPLE = "{\"metadata\": {\"owner\": null, \"labels\": [\"gold\"]}}";
    private static final String RECORD_EXAMPLE = "{\"key\": \"assets/asset-123\", \"namespace\": \"assets\", "
            + "\"metadata\": {\"size\": 1200, \"owner\": {\"team\": \"data\"}}, \"tags\": [\"prod\"], "
            + "\"owner\": \"team-data\", \"version\": 1, \"createdAt\": \"2026-11-27T20:00:00.123456Z\", "
            + "\"updatedAt\": \"2026-11-27T20:00:00.123456Z\", \"createdBy\": \"alice\", \"updatedBy\": \"alice\", "
            + "\"deletedAt\": null}";
    private static final String SEARCH_EXAMPLE = "{\"filter\": {\"and\": [{\"field\": \"key\", \"op\": "
            + "\"starts_with\", \"value\": \"assets/\"}, {\"field\": \"metadata.size\", \"op\": \"gt\", "
            + "\"value\": 1000}, {\"not\": {\"field\": \"tags\", \"op\": \"array_contains\", \"value\": "
            + "[\"pii\"]}}]}, \"fields\": [\"key\", \"version\", \"metadata.size\"], \"sort\": [{\"field\": "
            + "\"metadata.size\", \"direction\": \"desc\"}], \"limit\": 50}";
    private static final String SEARCH_RESPONSE_EXAMPLE = "{\"items\": [{\"key\": \"assets/asset-123\", "
            + "\"version\": 1, \"metadata\": {\"size\": 1200}}], \"nextCursor\": null}";
    private static final String BULK_EXAMPLE = "{\"atomic\": true, \"operations\": [{\"op\": \"create\", \"key\": "
            + "\"jobs/j1\", \"metadata\": {}}, {\"op\": \"upsert\", \"key\": \"jobs/j2\", \"metadata\": {\"a\": 1}, "
            + "\"version\": 4}, {\"op\": \"patch\", \"key\": \"jobs/j3\", \"metadata\": {\"b\": null}}, "
            + "{\"op\": \"delete\", \"key\": \"jobs/j4\"}]}";
    private static final String BULK_RESPONSE_EXAMPLE = "{\"results\": [{\"index\": 0, \"key\": \"jobs/j1\", "
            + "\"status\": 201, \"version\": 1}, {\"index\": 1, \"key\": \"jobs/j2\", \"status\": 200, "
            + "\"version\": 5}, {\"index\": 2, \"key\": \"jobs/j3\", \"status\": 200, \"version\": 2}, "
            + "{\"index\": 3, \"key\": \"jobs/j4\", \"status\": 204, \"version\": 3}]}";
    private static final String BULK_FAILED_EXAMPLE = "{\"results\": [{\"index\": 0, \"key\": \"jobs/j1\", "
            + "\"status\": 424, \"error\": {\"type\": \"urn:metastore:problem:failed-dependency\", \"title\": "
            + "\"Not applied\", \"status\": 424, \"detail\": \"Not applied because another operation of this "
            + "atomic bulk failed\"}}, {\"index\": 1, \"key\": \"jobs/j2\", \"status\": 400, \"error\": {\"type\": "
            + "\"urn:metastore:problem:validation\", \"title\": \"Invalid request\", \"status\": 400, \"detail\": "
            + "\"operations[1].tags: must be an array of strings\", \"errors\": [{\"path\": \"operations[1].tags\", "
            + "\"message\": \"must be an array of strings\"}]}}]}";

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
    @Operation(operationId = "createRecord", summary = "Create a record", description = "Idempotent on key: the same "
            + "content again answers 200 unchanged, other content 409; a soft-deleted key is revived (201).")
    @Parameter(ref = "X-Request-Id")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = RecordBodies.Create.class),
            examples = @ExampleObject(name = "asset", value = CREATE_EXAMPLE)))
    @APIResponse(responseCode = "201", description = "created or revived", headers = {
            @Header(name = "Location", ref = "Location"), @Header(name = "ETag", ref = "ETag"),
            @Header(name = "X-Request-Id", ref = "X-Request-Id")}, content = @Content(schema = @Schema(implementation = RecordRepresentation.class),
            examples = @ExampleObject(name = "created", value = RECORD_EXAMPLE)))
    @APIResponse(responseCode = "200", description = "identical replay, unchanged", headers = {
            @Header(name = "ETag", ref = "ETag"), @Header(name = "X-Request-Id", ref = "X-Request-Id")},
            content = @Content(schema = @Schema(implementation = RecordRepresentation.class)))
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "413", ref = "PayloadTooLarge")
    @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
    @APIResponse(responseCode = "406", ref = "NotAcceptable")
    public Response create(JsonNode body) {
        RecordKey key = RecordBodies.createKey(body);
        caller.requireWrite(key.namespace());
        RecordContent content = RecordBodies.content(body);
        return written(records.write(RecordWrite.create(key, content), caller.principal()));
    }

    @POST
    @Path(SEARCH)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "searchRecords", summary = "Search records", description = "Filters, projection, "
            + "multi-field sort and keyset paging, answered from PostgreSQL's indexes; only namespaces the caller may "
            + "read are searched.")
    @Parameter(ref = "X-Request-Id")
    @RequestBody(required = true, content = @Content(schema = @Schema(ref = "SearchRequest"),
            examples = @ExampleObject(name = "compound", value = SEARCH_EXAMPLE)))
    @APIResponse(responseCode = "200", description = "one page of results", headers = @Header(name = "X-Request-Id",
            ref = "X-Request-Id"), content = @Content(schema = @Schema(ref = "SearchResponse"),
            examples = @ExampleObject(name = "page", value = SEARCH_RESPONSE_EXAMPLE)))
    @APIResponse(responseCode = "413", ref = "PayloadTooLarge")
    @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
    @APIResponse(responseCode = "406", ref = "NotAcceptable")
    public Response search(JsonNode body) {
        return collection(SEARCH).post(body);
    }

    @POST
    @Path(BULK)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "bulkWrite", summary = "Apply up to 1,000 writes", description = "Atomic (default): one "
            + "transaction, nothing applied when any operation fails; the failing operations carry their status and "
            + "error, the others 424, and the answer's status is 403 when any operation is forbidden, else 400 when "
            + "any is invalid, else the first failure's, with the results body (application/json). Not atomic: each "
            + "operation stands alone and the answer is 200. A request that cannot be read at all answers a problem.")
    @Parameter(ref = "X-Request-Id")
    @RequestBody(required = true, content = @Content(schema = @Schema(ref = "BulkRequest"),
            examples = @ExampleObject(name = "mixed", value = BULK_EXAMPLE)))
    @APIResponse(responseCode = "200", description = "every operation applied (atomic), or each one's own result "
            + "(not atomic), in request order", headers = @Header(name = "X-Request-Id", ref = "X-Request-Id"),
            content = @Content(schema = @Schema(ref = "BulkResponse"),
                    examples = @ExampleObject(name = "applied", value = BULK_RESPONSE_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "atomic: an operation is invalid, nothing applied (results "
            + "body); or the request itself is malformed (problem)", headers = @Header(name = "X-Request-Id",
            ref = "X-Request-Id"), content = {@Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(ref = "BulkResponse"), examples = @ExampleObject(name = "failed",
            value = BULK_FAILED_EXAMPLE)), @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem"))})
    @APIResponse(responseCode = "403", description = "atomic: an operation's namespace is not granted, nothing "
            + "applied", headers = @Header(name = "X-Request-Id", ref = "X-Request-Id"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "BulkResponse")))
    @APIResponse(responseCode = "404", description = "atomic: the first failing operation found no record, nothing "
            + "applied", headers = @Header(name = "X-Request-Id", ref = "X-Request-Id"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "BulkResponse")))
    @APIResponse(responseCode = "409", description = "atomic: the first failing operation conflicts, nothing applied "
            + "(results body); or concurrent writers kept winning (problem)", headers = @Header(name = "X-Request-Id",
            ref = "X-Request-Id"), content = {@Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(ref = "BulkResponse")), @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(ref = "Problem"))})
    @APIResponse(responseCode = "413", ref = "PayloadTooLarge")
    @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
    @APIResponse(responseCode = "406", ref = "NotAcceptable")
    public Response bulk(JsonNode body) {
        return collection(BULK).post(body);
    }

    @PUT
    @Path(KEY_PATH)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "replaceRecord", summary = "Create or replace a record", description = "Replaces "
            + "metadata, tags and owner as a whole. Expected version from If-Match (412 on mismatch) or the body's "
            + "version (409 on mismatch).")
    @Parameter(ref = "X-Request-Id")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = RecordBodies.Replace.class),
            examples = @ExampleObject(name = "replacement", value = REPLACE_EXAMPLE)))
    @APIResponse(responseCode = "200", description = "replaced", headers = {@Header(name = "ETag", ref = "ETag"),
            @Header(name = "X-Request-Id", ref = "X-Request-Id")}, content = @Content(schema = @Schema(implementation = RecordRepresentation.class)))
    @APIResponse(responseCode = "201", description = "created or revived", headers = {
            @Header(name = "Location", ref = "Location"), @Header(name = "ETag", ref = "ETag"),
            @Header(name = "X-Request-Id", ref = "X-Request-Id")}, content = @Content(schema = @Schema(implementation = RecordRepresentation.class)))
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    @APIResponse(responseCode = "413", ref = "PayloadTooLarge")
    @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
    @APIResponse(responseCode = "406", ref = "NotAcceptable")
    public Response put(@PathParam("key") @Parameter(description = KEY_DESCRIPTION, example = "assets/asset-123")
                        String rawKey,
                        @HeaderParam(HttpHeaders.IF_MATCH) @Parameter(ref = "If-Match") String ifMatch,
                        @HeaderParam(HttpHeaders.IF_NONE_MATCH) @Parameter(ref = "If-None-Match") String ifNoneMatch,
                        JsonNode body) {
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
    @Consumes(MERGE_PATCH)
    @Operation(operationId = "patchRecord", summary = "Merge-patch a record (RFC 7386)", description = "Inside "
            + "metadata objects merge recursively and null removes a member; tags and owner, when present, replace.")
    @Parameter(ref = "X-Request-Id")
    @RequestBody(required = true, content = @Content(mediaType = MERGE_PATCH,
            schema = @Schema(implementation = RecordBodies.Patch.class),
            examples = @ExampleObject(name = "relabel", value = PATCH_EXAMPLE)))
    @APIResponse(responseCode = "200", description = "patched", headers = {@Header(name = "ETag", ref = "ETag"),
            @Header(name = "X-Request-Id", ref = "X-Request-Id")}, content = @Content(schema = @Schema(implementation = RecordRepresentation.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    @APIResponse(responseCode = "413", ref = "PayloadTooLarge")
    @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
    @APIResponse(responseCode = "406", ref = "NotAcceptable")
    public Response patch(@PathParam("key") @Parameter(description = KEY_DESCRIPTION, example = "assets/asset-123")
                          String rawKey,
                          @HeaderParam(HttpHeaders.IF_MATCH) @Parameter(ref = "If-Match") String ifMatch,
                          @HeaderParam(HttpHeaders.IF_NONE_MATCH) @Parameter(ref = "If-None-Match") String ifNoneMatch,
                          JsonNode body) {
        RecordKey key = RecordKey.parse("key", rawKey);
        caller.requireWrite(key.namespace());
        MergePatch patch = MergePatch.of(body);
        Precondition precondition = conditions(Precondition.NONE, ifMatch, ifNoneMatch);
        return written(records.write(RecordWrite.patch(key, patch, precondition), caller.principal()));
    }

    @GET
    @Path(KEY_PATH)
    @Operation(operationId = "getRecord", summary = "Read a record")
    @Parameter(ref = "X-Request-Id")
    @APIResponse(responseCode = "200", description = "the record", headers = {@Header(name = "ETag", ref = "ETag"),
            @Header(name = "X-Request-Id", ref = "X-Request-Id")}, content = @Content(schema = @Schema(implementation = RecordRepresentation.class),
            examples = @ExampleObject(name = "asset", value = RECORD_EXAMPLE)))
    @APIResponse(responseCode = "304", description = "If-None-Match names the current version; no body",
            headers = {@Header(name = "ETag", ref = "ETag"), @Header(name = "X-Request-Id", ref = "X-Request-Id")})
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "406", ref = "NotAcceptable")
    public Response get(@PathParam("key") @Parameter(description = KEY_DESCRIPTION, example = "assets/asset-123")
                        String rawKey,
                        @HeaderParam(HttpHeaders.IF_NONE_MATCH) @Parameter(ref = "If-None-Match") String ifNoneMatch) {
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
    // no representation answers a delete, so no Accept header can be unsatisfiable (problems ignore Accept anyway):
    // a client that accepts only application/problem+json, as generated clients do here, must not get a 406
    @Produces(MediaType.WILDCARD)
    @Operation(operationId = "deleteRecord", summary = "Soft-delete a record", description = "Sets deletedAt and "
            + "bumps the version; a later PUT or POST revives the key.")
    @Parameter(ref = "X-Request-Id")
    @APIResponse(responseCode = "204", description = "deleted; the ETag is the deletion's version", headers = {
            @Header(name = "ETag", ref = "ETag"), @Header(name = "X-Request-Id", ref = "X-Request-Id")})
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    public Response delete(@PathParam("key") @Parameter(description = KEY_DESCRIPTION, example = "assets/asset-123")
                           String rawKey,
                           @HeaderParam(HttpHeaders.IF_MATCH) @Parameter(ref = "If-Match") String ifMatch,
                           @HeaderParam(HttpHeaders.IF_NONE_MATCH) @Parameter(ref = "If-None-Match")
                           String ifNoneMatch) {
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
