package io.metastore.search.control.query;

import java.util.Arrays;
import java.util.Optional;

/** The record fields a search may name, with the column that stores each and the kind of value it holds. */
public enum RecordField {
    KEY("key", "key", Kind.STRING, false),
    NAMESPACE("namespace", "namespace", Kind.STRING, false),
    OWNER("owner", "owner", Kind.STRING, true),
    CREATED_BY("createdBy", "created_by", Kind.STRING, false),
    UPDATED_BY("updatedBy", "updated_by", Kind.STRING, false),
    VERSION("version", "version", Kind.INTEGER, false),
    CREATED_AT("createdAt", "created_at", Kind.TIMESTAMP, false),
    UPDATED_AT("updatedAt", "updated_at", Kind.TIMESTAMP, false),
    DELETED_AT("deletedAt", "deleted_at", Kind.TIMESTAMP, true),
    TAGS("tags", "tags", Kind.TAGS, false),
    METADATA("metadata", "metadata", Kind.METADATA, false);

    /** What a field holds, which decides the operators and value shapes it accepts. */
    public enum Kind { STRING, INTEGER, TIMESTAMP, TAGS, METADATA }

    public final String jsonName;
    /** A fixed column name from this enum, never text from a request. */
    public final String column;
    public final Kind kind;
    /** Whether the column may be SQL NULL (then {@code eq null} is meaningful). */
    public final boolean nullable;

    RecordField(String jsonName, String column, Kind kind, boolean nullable) {
        this.jsonName = jsonName;
        this.column = column;
        this.kind = kind;
        this.nullable = nullable;
    }

    public static Optional<RecordField> byJsonName(String name) {
        return Arrays.stream(values()).filter(f -> f.jsonName.equals(name)).findFirst();
    }
}
