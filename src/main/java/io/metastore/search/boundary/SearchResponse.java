package io.metastore.search.boundary;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.metastore.records.boundary.RecordRepresentation;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of search results: {@code nextCursor} is null exactly when nothing more matches; {@code total} on request. */
public record SearchResponse(List<Object> items, String nextCursor,
                             @JsonInclude(JsonInclude.Include.NON_NULL) Long total) {

    /**
     * The page as the OpenAPI document describes it: its items are records (a full item is the representation itself,
     * a projected one only some of its members, which the document could only call objects).
     */
    @Schema(name = "SearchResponse", requiredProperties = {"items", "nextCursor"})
    record Page(
            @Schema(description = "records in the requested order; with fields, only those members plus key")
            List<RecordRepresentation> items,
            @Schema(nullable = true, description = "opaque; null exactly when nothing more matches") String nextCursor,
            @Schema(description = "only when count is true") Long total) {
    }
}
