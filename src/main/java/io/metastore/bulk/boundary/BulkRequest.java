package io.metastore.bulk.boundary;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The shape of a bulk request, for the OpenAPI document (the endpoint validates the JSON tree itself). */
@Schema(name = "BulkRequest", additionalProperties = Schema.False.class)
public record BulkRequest(
        @Schema(description = "one transaction, nothing applied when any operation fails", defaultValue = "true")
        Boolean atomic,
        @Schema(required = true, maxItems = 1000, description = "at most metastore.bulk.max-operations "
                + "(1,000 by default; 413 beyond); operations on the same key apply in request order")
        List<Operation> operations) {

    @Schema(name = "BulkOperation", additionalProperties = Schema.False.class)
    public record Operation(
            @Schema(required = true, enumeration = {"create", "upsert", "patch", "delete"}) String op,
            @Schema(required = true, examples = "jobs/j1") String key,
            @Schema(type = SchemaType.OBJECT, description = "create/upsert: the metadata; patch: a merge patch of it")
            Object metadata,
            @Schema(uniqueItems = true, description = "create/upsert: distinct strings, default []; patch: replaces")
            List<String> tags,
            @Schema(nullable = true) String owner,
            @Schema(description = "upsert, patch, delete: expected current version (409 on mismatch)") Long version) {
    }
}
