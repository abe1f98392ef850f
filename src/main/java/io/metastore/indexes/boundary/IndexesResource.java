package io.metastore.indexes.boundary;

import com.fasterxml.jackson.databind.JsonNode;
import io.metastore.indexes.control.IndexDefinition;
import io.metastore.indexes.control.IndexService;
import io.metastore.platform.Problem;
import io.metastore.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
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
 * Declared indexes: {@code /indexes/{namespace}/{name}} and {@code /indexes/{namespace}}. Order of checks, as for
 * records: the address (400), the caller's grant on the namespace (403: admin to declare or delete, read to read),
 * then the body (400) and the declarations' state (404, 409).
 */
@Path("indexes")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "indexes", description = "Declared indexes: a namespace admin declares a B-tree on a metadata path, which "
        + "serves range comparisons and sorts on it once ready; results never change, only their speed")
@SecurityRequirement(name = "jwt")
@APIResponse(responseCode = "400", ref = "BadRequest")
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "403", ref = "Forbidden")
@APIResponse(responseCode = "503", ref = "ServiceUnavailable")
public class IndexesResource {

    private static final String ADDRESS = "{namespace}/{name: .+}";
    private static final String NAMESPACE_DESCRIPTION = "the namespace whose records the index holds";
    private static final String NAME_DESCRIPTION = "the index's name: a record name without /";
    private static final String DECLARATION_EXAMPLE = "{\"field\": \"metadata.metrics.accuracy\", \"type\": "
            + "\"number\"}";
    private static final String INDEX_EXAMPLE = "{\"namespace\": \"models\", \"name\": \"by-accuracy\", \"field\": "
            + "\"metadata.metrics.accuracy\", \"type\": \"number\", \"state\": \"building\", \"createdAt\": "
            + "\"2026-11-27T20:00:00.123456Z\", \"createdBy\": \"alice\"}";
    private static final String NOT_DECLARED = "no index of this name is declared in the namespace";

    @Inject
    IndexService indexes;

    @Inject
    Caller caller;

    @PUT
    @Path(ADDRESS)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "declareIndex", summary = "Declare an index", description = "Builds a B-tree on the "
            + "metadata path for the namespace's records, without blocking writes; poll GET until it is ready. Needs "
            + "<ns>:admin or *:admin. Declaring the same again changes nothing (a failed build starts anew).")
    @Parameter(ref = "X-Request-Id")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = IndexBodies.Declaration.class),
            examples = @ExampleObject(name = "accuracy", value = DECLARATION_EXAMPLE)))
    @APIResponse(responseCode = "202", description = "declared; the build runs in the background", headers =
            @Header(name = "X-Request-Id", ref = "X-Request-Id"), content = @Content(schema = @Schema(
            implementation = IndexRepresentation.class), examples = @ExampleObject(name = "building",
            value = INDEX_EXAMPLE)))
    @APIResponse(responseCode = "200", description = "the same declaration was already there, unchanged", headers =
            @Header(name = "X-Request-Id", ref = "X-Request-Id"), content = @Content(schema = @Schema(
            implementation = IndexRepresentation.class)))
    @APIResponse(responseCode = "409", description = "the name holds another declaration, the field already has an "
            + "index of this type, or the namespace has metastore.indexes.max-per-namespace indexes; nothing changed",
            headers = @Header(name = "X-Request-Id", ref = "X-Request-Id"), content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "413", ref = "PayloadTooLarge")
    @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
    @APIResponse(responseCode = "406", ref = "NotAcceptable")
    public Response declare(@PathParam("namespace") @Parameter(description = NAMESPACE_DESCRIPTION,
                                    example = "models") String namespace,
                            @PathParam("name") @Parameter(description = NAME_DESCRIPTION, example = "by-accuracy")
                            String name,
                            JsonNode body) {
        IndexBodies.address(namespace, name);
        caller.requireAdmin(namespace);
        IndexDefinition definition = IndexBodies.definition(body);
        IndexService.Declared declared = indexes.declare(namespace, name, definition, caller.principal());
        return Response.status(declared.buildStarted() ? Response.Status.ACCEPTED : Response.Status.OK)
                .entity(IndexRepresentation.of(declared.declaration())).build();
    }

    @GET
    @Path(ADDRESS)
    @Operation(operationId = "getIndex", summary = "Read a declared index and its state")
    @Parameter(ref = "X-Request-Id")
    @APIResponse(responseCode = "200", description = "the declaration", headers = @Header(name = "X-Request-Id",
            ref = "X-Request-Id"), content = @Content(schema = @Schema(implementation = IndexRepresentation.class),
            examples = @ExampleObject(name = "building", value = INDEX_EXAMPLE)))
    @APIResponse(responseCode = "404", description = NOT_DECLARED, headers = @Header(name = "X-Request-Id",
            ref = "X-Request-Id"), content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "406", ref = "NotAcceptable")
    public IndexRepresentation get(@PathParam("namespace") @Parameter(description = NAMESPACE_DESCRIPTION,
                                           example = "models") String namespace,
                                   @PathParam("name") @Parameter(description = NAME_DESCRIPTION,
                                           example = "by-accuracy") String name) {
        IndexBodies.address(namespace, name);
        caller.requireRead(namespace);
        return IndexRepresentation.of(indexes.find(namespace, name));
    }

    @GET
    @Path("{namespace}")
    @Operation(operationId = "listIndexes", summary = "List a namespace's declared indexes, in name order")
    @Parameter(ref = "X-Request-Id")
    @APIResponse(responseCode = "200", description = "the declarations, perhaps none", headers = @Header(
            name = "X-Request-Id", ref = "X-Request-Id"), content = @Content(schema = @Schema(
            implementation = IndexRepresentation.Page.class)))
    @APIResponse(responseCode = "406", ref = "NotAcceptable")
    public IndexRepresentation.Page list(@PathParam("namespace") @Parameter(description = NAMESPACE_DESCRIPTION,
            example = "models") String namespace) {
        IndexBodies.namespace(namespace);
        caller.requireRead(namespace);
        return new IndexRepresentation.Page(indexes.list(namespace).stream().map(IndexRepresentation::of).toList());
    }

    @DELETE
    @Path(ADDRESS)
    // no representation answers a delete, so no Accept header can be unsatisfiable (as for records)
    @Produces(MediaType.WILDCARD)
    @Operation(operationId = "deleteIndex", summary = "Delete a declared index", description = "Searches stop "
            + "counting on it within seconds; PostgreSQL's index is dropped in the background without blocking "
            + "writes. Needs <ns>:admin or *:admin.")
    @Parameter(ref = "X-Request-Id")
    @APIResponse(responseCode = "204", description = "deleted", headers = @Header(name = "X-Request-Id",
            ref = "X-Request-Id"))
    @APIResponse(responseCode = "404", description = NOT_DECLARED, headers = @Header(name = "X-Request-Id",
            ref = "X-Request-Id"), content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(ref = "Problem")))
    public Response delete(@PathParam("namespace") @Parameter(description = NAMESPACE_DESCRIPTION,
                                   example = "models") String namespace,
                           @PathParam("name") @Parameter(description = NAME_DESCRIPTION, example = "by-accuracy")
                           String name) {
        IndexBodies.address(namespace, name);
        caller.requireAdmin(namespace);
        indexes.delete(namespace, name);
        return Response.noContent().build();
    }
}
