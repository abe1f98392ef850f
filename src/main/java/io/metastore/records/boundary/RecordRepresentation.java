package io.metastore.records.boundary;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.metastore.records.control.RecordSnapshot;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A record as clients see it. Timestamps are RFC 3339 UTC with microseconds, as PostgreSQL keeps them. */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"key", "namespace", "metadata", "tags", "owner", "version", "createdAt", "updatedAt",
        "createdBy", "updatedBy", "deletedAt"})
@Schema(name = "Record", description = "A stored record")
public record RecordRepresentation(
        @Schema(example = "assets/asset-123") String key,
        @Schema(example = "assets") String namespace,
        @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.OBJECT) ObjectNode metadata,
        List<String> tags,
        @Schema(nullable = true) String owner,
        long version,
        @Schema(format = "date-time") String createdAt,
        @Schema(format = "date-time") String updatedAt,
        String createdBy,
        String updatedBy,
        @Schema(format = "date-time", nullable = true) String deletedAt) {

    private static final DateTimeFormatter RFC_3339_MICROS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    public static RecordRepresentation of(RecordSnapshot record) {
        return new RecordRepresentation(record.key(), record.namespace(), record.metadata(), record.tags(),
                record.owner(), record.version(), timestamp(record.createdAt()), timestamp(record.updatedAt()),
                record.createdBy(), record.updatedBy(), timestamp(record.deletedAt()));
    }

    public static String timestamp(Instant instant) {
        return instant == null ? null : RFC_3339_MICROS.format(instant);
    }
}
