package io.metastore.indexes.boundary;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.metastore.indexes.control.IndexDeclaration;
import io.metastore.records.boundary.RecordRepresentation;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A declared index as clients see it; {@code error} only when the build failed. */
@JsonPropertyOrder({"namespace", "name", "field", "type", "state", "error", "createdAt", "createdBy"})
@Schema(name = "Index", description = "A declared index and the state of its build", requiredProperties = {
        "namespace", "name", "field", "type", "state", "createdAt", "createdBy"})
public record IndexRepresentation(
        @Schema(examples = "models") String namespace,
        @Schema(examples = "by-accuracy") String name,
        @Schema(examples = "metadata.metrics.accuracy", description = "the metadata path the index holds") String field,
        @Schema(enumeration = {"number", "string"}, description = "the JSON type of the values it holds") String type,
        @Schema(enumeration = {"building", "ready", "failed"}, description = "search uses the index once ready")
        String state,
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "why PostgreSQL could not build it; only when failed") String error,
        @Schema(format = "date-time") String createdAt,
        @Schema(description = "the token subject that declared it", examples = "alice") String createdBy) {

    static IndexRepresentation of(IndexDeclaration declaration) {
        return new IndexRepresentation(declaration.namespace(), declaration.name(), declaration.definition().field(),
                declaration.definition().type().jsonName, declaration.state().jsonName, declaration.error(),
                RecordRepresentation.timestamp(declaration.createdAt()), declaration.createdBy());
    }

    /** {@code GET /indexes/{namespace}}: the namespace's declarations in name order. */
    @Schema(name = "IndexList", requiredProperties = "items")
    public record Page(@Schema(type = SchemaType.ARRAY, implementation = IndexRepresentation.class)
                       List<IndexRepresentation> items) {
    }
}
