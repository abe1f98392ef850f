package io.metastore.indexes.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The stored declarations (db/migration/V3__index_declarations.sql), read and written on the caller's connection. */
final class IndexDeclarations {

    private static final String TABLE = IndexDdl.SCHEMA + ".metastore_index_declarations";
    private static final String COLUMNS = "namespace, name, field, type, state, error, created_at, created_by";

    private IndexDeclarations() {
    }

    /** @param forUpdate lock the row until the transaction ends */
    static Optional<IndexDeclaration> find(Connection connection, String namespace, String name, boolean forUpdate)
            throws SQLException {
        List<IndexDeclaration> found = query(connection, "SELECT " + COLUMNS + " FROM " + TABLE
                + " WHERE namespace = ? AND name = ?" + (forUpdate ? " FOR UPDATE" : ""), namespace, name);
        return found.stream().findFirst();
    }

    /** A namespace's declarations in name order (code points, as keys are ordered). */
    static List<IndexDeclaration> inNamespace(Connection connection, String namespace) throws SQLException {
        return query(connection, "SELECT " + COLUMNS + " FROM " + TABLE + " WHERE namespace = ? ORDER BY name",
                namespace);
    }

    /** Every declaration, oldest first. */
    static List<IndexDeclaration> all(Connection connection) throws SQLException {
        return query(connection, "SELECT " + COLUMNS + " FROM " + TABLE + " ORDER BY created_at, namespace, name");
    }

    static void insert(Connection connection, IndexDeclaration declaration) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + TABLE + " (" + COLUMNS
                + ", index_name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, declaration.namespace());
            insert.setString(2, declaration.name());
            insert.setString(3, declaration.definition().field());
            insert.setString(4, declaration.definition().type().jsonName);
            insert.setString(5, declaration.state().jsonName);
            insert.setString(6, declaration.error());
            insert.setObject(7, declaration.createdAt().atOffset(ZoneOffset.UTC));
            insert.setString(8, declaration.createdBy());
            insert.setString(9, declaration.indexName());
            insert.executeUpdate();
        }
    }

    /** A failed declaration, declared again: building anew. */
    static void restart(Connection connection, String indexName) throws SQLException {
        update(connection, "UPDATE " + TABLE + " SET state = 'building', error = NULL WHERE index_name = ?",
                indexName);
    }

    /** @return whether there was such a declaration */
    static boolean delete(Connection connection, String namespace, String name) throws SQLException {
        return update(connection, "DELETE FROM " + TABLE + " WHERE namespace = ? AND name = ?", namespace, name) > 0;
    }

    /**
     * Ends a build: ready, or failed with its reason. Only a declaration still building ends so; one deleted (or
     * deleted and declared again) meanwhile is not touched.
     *
     * @return whether the declaration was still there, building
     */
    static boolean finish(Connection connection, String indexName, IndexState state, String error)
            throws SQLException {
        return update(connection, "UPDATE " + TABLE + " SET state = ?, error = ? WHERE index_name = ?"
                + " AND state = 'building'", state.jsonName, error, indexName) > 0;
    }

    static boolean declares(Connection connection, String indexName) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM " + TABLE
                + " WHERE index_name = ?")) {
            select.setString(1, indexName);
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        }
    }

    /**
     * Declarations said to be ready whose index is missing or invalid (dropped by hand, or a database restored
     * without it) are building again, so that their state does not lie and a builder restores the index.
     */
    static int reopenLost(Connection connection) throws SQLException {
        return update(connection, "UPDATE " + TABLE + " AS d SET state = 'building' WHERE state = 'ready'"
                + " AND NOT EXISTS ("
                + "SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                + " JOIN pg_catalog.pg_index i ON i.indexrelid = c.oid"
                + " WHERE n.nspname = ? AND c.relname::text = d.index_name AND i.indisvalid)", IndexDdl.SCHEMA);
    }

    /** Metastore's declared-index names in the schema that no declaration names any more. */
    static List<String> orphans(Connection connection) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT c.relname FROM pg_catalog.pg_class c"
                + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relkind = 'i'"
                + " AND starts_with(c.relname::text, ?) AND NOT EXISTS (SELECT 1 FROM " + TABLE
                + " AS d WHERE d.index_name = c.relname::text)")) {
            select.setString(1, IndexDdl.SCHEMA);
            select.setString(2, IndexDeclaration.INDEX_NAME_PREFIX);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
        }
        return names;
    }

    /** Whether the index exists and is valid; empty when it does not exist. */
    static Optional<Boolean> validity(Connection connection, String indexName) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT i.indisvalid FROM pg_catalog.pg_class c"
                + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                + " JOIN pg_catalog.pg_index i ON i.indexrelid = c.oid WHERE n.nspname = ? AND c.relname::text = ?")) {
            select.setString(1, IndexDdl.SCHEMA);
            select.setString(2, indexName);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(row.getBoolean(1)) : Optional.empty();
            }
        }
    }

    static Map<IndexState, Long> countByState(List<IndexDeclaration> declarations) {
        Map<IndexState, Long> counts = new EnumMap<>(IndexState.class);
        for (IndexState state : IndexState.values()) {
            counts.put(state, declarations.stream().filter(d -> d.state() == state).count());
        }
        return counts;
    }

    private static List<IndexDeclaration> query(Connection connection, String sql, String... values)
            throws SQLException {
        List<IndexDeclaration> declarations = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                select.setString(i + 1, values[i]);
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    declarations.add(read(rows));
                }
            }
        }
        return declarations;
    }

    private static IndexDeclaration read(ResultSet row) throws SQLException {
        IndexDefinition definition = new IndexDefinition(IndexDefinition.parseField(row.getString("field"), "field"),
                IndexType.byJsonName(row.getString("type")).orElseThrow());
        return new IndexDeclaration(row.getString("namespace"), row.getString("name"), definition,
                IndexState.of(row.getString("state")), row.getString("error"),
                row.getObject("created_at", OffsetDateTime.class).toInstant(), row.getString("created_by"));
    }

    private static int update(Connection connection, String sql, String... values) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                update.setString(i + 1, values[i]);
            }
            return update.executeUpdate();
        }
    }
}
