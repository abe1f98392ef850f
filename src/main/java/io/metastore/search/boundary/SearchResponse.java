package io.metastore.search.boundary;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of search results: {@code nextCursor} is null exactly when nothing more matches; {@code total} on request. */
@Schema(name = "SearchResponse", requiredProperties = {"items", "nextCursor"})
public record SearchResponse(
        @Schema(type = SchemaType.ARRAY, implementation = Item.class) List<ObjectNode> items,
        @Schema(nullable = true, description = "opaque; null exactly when nothing more matches") String nextCursor,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "only when count is true") Long total) {

    /** What the OpenAPI document says of an item, which the projection builds as a JSON tree. */
    @Schema(name = "SearchItem", description = "a record (as Record), or with fields only those members, metadata "
            + "paths nested, plus key", requiredProperties = "key", additionalProperties = Schema.True.class)
    record Item(@Schema(examples = "assets/asset-123") String key) {
    }
}
