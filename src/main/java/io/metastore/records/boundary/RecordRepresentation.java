package io.metastore.records.boundary;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.util.RawValue;
import io.metastore.records.control.RecordSnapshot;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A record as clients see it. Timestamps are RFC 3339 UTC with microseconds, as PostgreSQL keeps them. */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"key", "namespace", "metadata", "tags", "owner", "version", "createdAt", "updatedAt",
        "createdBy", "updatedBy", "deletedAt"})
@Schema(name = "Record", description = "A stored record. A single-record answer carries every member; a search item "
        + "with fields carries only those (metadata paths nested) plus key", requiredProperties = "key")
public record RecordRepresentation(
        @Schema(examples = "assets/asset-123") String key,
        @Schema(examples = "assets", description = "the key's first segment") String namespace,
        @Schema(type = SchemaType.OBJECT, description = "any JSON object") JsonNode metadata,
        @Schema(description = "distinct strings, in the order written", examples = "[\"prod\"]") List<String> tags,
        @Schema(nullable = true, examples = "team-data") String owner,
        @Schema(minimum = "1", description = "counts every write, soft deletes included; the ETag") long version,
        @Schema(format = "date-time") String createdAt,
        @Schema(format = "date-time") String updatedAt,
        @Schema(description = "the token subject that created the record", examples = "svc-catalog") String createdBy,
        @Schema(description = "the token subject of the last write", examples = "alice") String updatedBy,
        @Schema(format = "date-time", nullable = true, description = "set by a soft delete (search with "
                + "includeDeleted)") String deletedAt) {

    private static final DateTimeFormatter RFC_3339_MICROS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    /** The record's representation; metadata a search read as PostgreSQL's text is written out as that text. */
    public static RecordRepresentation of(RecordSnapshot record) {
        JsonNode metadata = record.metadataText() != null
                ? JsonNodeFactory.instance.rawValueNode(new RawValue(record.metadataText())) : record.metadata();
        return new RecordRepresentation(record.key(), record.namespace(), metadata, record.tags(),
                record.owner(), record.version(), timestamp(record.createdAt()), timestamp(record.updatedAt()),
                record.createdBy(), record.updatedBy(), timestamp(record.deletedAt()));
    }

    public static String timestamp(Instant instant) {
        return instant == null ? null : RFC_3339_MICROS.format(instant);
    }
}
