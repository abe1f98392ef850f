package io.metastore.search.boundary;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of search results: {@code nextCursor} is null exactly when nothing more matches; {@code total} on request. */
@Schema(name = "SearchResponse")
public record SearchResponse(
        @Schema(description = "records, or only the requested fields plus key") List<Object> items,
        @Schema(nullable = true, description = "opaque; null exactly when nothing more matches") String nextCursor,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "only when count is true") Long total) {
}
