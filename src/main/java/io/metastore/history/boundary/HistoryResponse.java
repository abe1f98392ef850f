package io.metastore.history.boundary;

import io.metastore.records.boundary.RecordRepresentation;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of a key's history, newest version first. */
@Schema(name = "HistoryResponse", requiredProperties = {"items", "nextCursor"})
public record HistoryResponse(
        @Schema(description = "the record as it was at each version, newest first, soft deletes included")
        List<RecordRepresentation> items,
        @Schema(nullable = true, description = "opaque; null exactly when no older version remains") String nextCursor) {
}
