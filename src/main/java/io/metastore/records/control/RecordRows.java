package io.metastore.records.control;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * How native SQL reads a record from a table shaped like the records table (the records table for search, the history
 * table for a record's past versions): the columns to select and the snapshot built from them, its metadata as
 * PostgreSQL's text of the jsonb.
 */
public final class RecordRows {

    /** The columns {@link #read} needs, by these names. */
    public static final String COLUMNS = "key, CAST(metadata AS text) AS metadata, tags, owner, version, "
            + "created_at, updated_at, created_by, updated_by, deleted_at";

    private RecordRows() {
    }

    /** The record in a row that selects {@link #COLUMNS}. */
    public static RecordSnapshot read(ResultSet row) throws SQLException {
        return RecordSnapshot.stored(row.getString("key"), row.getString("metadata"), tags(row.getArray("tags")),
                row.getString("owner"), row.getLong("version"), instant(row, "created_at"),
                instant(row, "updated_at"), row.getString("created_by"), row.getString("updated_by"),
                instant(row, "deleted_at"));
    }

    private static List<String> tags(Array array) throws SQLException {
        try {
            return List.of((String[]) array.getArray());
        } finally {
            array.free();
        }
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
