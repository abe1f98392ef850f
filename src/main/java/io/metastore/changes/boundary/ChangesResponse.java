package io.metastore.changes.boundary;

import io.metastore.changes.control.Change;
import io.metastore.changes.control.ChangePage;
import io.metastore.records.boundary.RecordRepresentation;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The changes after the cursor sent, in feed order, and the cursor to send next. */
@Schema(name = "ChangesResponse", requiredProperties = {"items", "cursor"})
public record ChangesResponse(
        @Schema(description = "committed writes in feed order: a key's versions ascending, a transaction's writes "
                + "together") List<Item> items,
        @Schema(description = "opaque; send it as since to read on") String cursor) {

    /** One committed write. */
    @Schema(name = "Change", requiredProperties = {"key", "namespace", "version", "change", "updatedAt", "updatedBy"})
    public record Item(
            @Schema(examples = "assets/asset-123") String key,
            @Schema(examples = "assets") String namespace,
            @Schema(minimum = "1", description = "the record's version after this write") long version,
            @Schema(type = SchemaType.STRING, enumeration = {"created", "updated", "deleted", "revived"}) String change,
            @Schema(format = "date-time") String updatedAt,
            @Schema(examples = "alice") String updatedBy) {

        static Item of(Change change) {
            return new Item(change.key(), change.namespace(), change.version(), change.change(),
                    RecordRepresentation.timestamp(change.updatedAt()), change.updatedBy());
        }
    }

    static ChangesResponse of(ChangePage page) {
        return new ChangesResponse(page.items().stream().map(Item::of).toList(), page.cursor().encode());
    }
}
